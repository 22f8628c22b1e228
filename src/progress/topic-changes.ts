/** How a quiz attempt changes a topic record (pure, so the rule is tested on its own). */
import { LIMITS, furtherStatus, type QuizAttempt, type TopicRecord } from '../lib/storage/records';

/**
 * Adds the attempt (replacing one with the same `at`), keeping at most
 * `LIMITS.quizAttemptsPerTopic`, the latest. The best score is the highest `score / total`;
 * full marks make the topic done; any other attempt makes a not-started topic in-progress.
 */
export function recordQuizAttempt(topic: TopicRecord, attempt: QuizAttempt): TopicRecord {
  const quizAttempts = [...topic.quizAttempts.filter((a) => a.at !== attempt.at), attempt]
    .sort((a, b) => a.at - b.at)
    .slice(-LIMITS.quizAttemptsPerTopic);
  const ratio = attempt.total > 0 ? attempt.score / attempt.total : null;
  const bestScore = ratio === null ? topic.bestScore : Math.max(topic.bestScore ?? 0, ratio);
  const fullMarks = attempt.total > 0 && attempt.score === attempt.total;
  return {
    ...topic,
    quizAttempts,
    bestScore,
    status: furtherStatus(topic.status, fullMarks ? 'done' : 'in-progress'),
  };
}
