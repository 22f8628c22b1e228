import type { Quiz, QuizQuestion } from '../content/quizzes';

export interface QuizScore {
  score: number;
  total: number;
  /** Whether each question was answered exactly right. */
  perQuestion: boolean[];
}

/** A question counts as right only when the chosen options are exactly the correct set. */
export function isAnswerCorrect(question: QuizQuestion, chosen: readonly number[]): boolean {
  for (const i of chosen) {
    if (!Number.isInteger(i) || i < 0 || i >= question.options.length) {
      throw new RangeError(`question ${question.id}: option ${i} does not exist`);
    }
  }
  const set = new Set(chosen);
  return set.size === question.correct.length && question.correct.every((c) => set.has(c));
}

export function scoreQuiz(quiz: Quiz, answers: readonly (readonly number[])[]): QuizScore {
  if (answers.length !== quiz.questions.length) {
    throw new RangeError(`expected ${quiz.questions.length} answers, got ${answers.length}`);
  }
  const perQuestion = quiz.questions.map((q, i) => isAnswerCorrect(q, answers[i]!));
  return { score: perQuestion.filter(Boolean).length, total: quiz.questions.length, perQuestion };
}
