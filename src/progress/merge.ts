/**
 * How an imported progress file merges into what this browser already has. The rule is that
 * merging never loses progress and is idempotent: importing the same file twice, or a file made
 * from this very browser, changes nothing.
 *
 * Per topic:
 * - status: the further one (done > in-progress > not-started);
 * - quiz attempts: the union, one per timestamp `at` (this browser's copy wins a tie), in time
 *   order, keeping the latest `LIMITS.quizAttemptsPerTopic`;
 * - best score: the highest of both records and of the merged attempts;
 * - time spent: the larger, not the sum (the file may come from this browser, and summing
 *   would count the same minutes twice);
 * - last visited: the later;
 * - notes: the more recently saved (`updatedAt`); on a tie, the longer text; then this browser's.
 * Experiments: the union by id; an id present on both sides keeps this browser's copy
 * (an experiment is never edited after it is saved, so equal ids are the same experiment).
 */
import {
  LIMITS,
  bestScoreOf,
  furtherStatus,
  type Experiment,
  type NoteRecord,
  type QuizAttempt,
  type TopicRecord,
} from '../lib/storage/records';
import type { StorageSnapshot } from '../lib/storage/storage-backend';

function maxOrNull(...values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : Math.max(...present);
}

export function mergeAttempts(local: readonly QuizAttempt[], incoming: readonly QuizAttempt[]): QuizAttempt[] {
  const byTime = new Map<number, QuizAttempt>();
  for (const a of incoming) byTime.set(a.at, a);
  for (const a of local) byTime.set(a.at, a);
  return [...byTime.values()].sort((a, b) => a.at - b.at).slice(-LIMITS.quizAttemptsPerTopic);
}

export function mergeTopic(local: TopicRecord, incoming: TopicRecord): TopicRecord {
  const quizAttempts = mergeAttempts(local.quizAttempts, incoming.quizAttempts);
  return {
    key: local.key,
    status: furtherStatus(local.status, incoming.status),
    quizAttempts,
    bestScore: maxOrNull(local.bestScore, incoming.bestScore, bestScoreOf(quizAttempts)),
    timeSpentMs: Math.max(local.timeSpentMs, incoming.timeSpentMs),
    lastVisited: maxOrNull(local.lastVisited, incoming.lastVisited),
  };
}

export function mergeNote(local: NoteRecord, incoming: NoteRecord): NoteRecord {
  if (incoming.updatedAt !== local.updatedAt) return incoming.updatedAt > local.updatedAt ? incoming : local;
  return incoming.markdown.length > local.markdown.length ? incoming : local;
}

function mergeBy<T>(
  local: readonly T[],
  incoming: readonly T[],
  id: (record: T) => string,
  merge: (local: T, incoming: T) => T,
): T[] {
  const merged = new Map(local.map((r) => [id(r), r]));
  for (const r of incoming) {
    const mine = merged.get(id(r));
    merged.set(id(r), mine === undefined ? r : merge(mine, r));
  }
  return [...merged.values()];
}

export function mergeSnapshots(local: StorageSnapshot, incoming: StorageSnapshot): StorageSnapshot {
  return {
    topics: mergeBy(local.topics, incoming.topics, (t) => t.key, mergeTopic),
    notes: mergeBy(local.notes, incoming.notes, (n) => n.key, mergeNote),
    experiments: mergeBy<Experiment>(local.experiments, incoming.experiments, (e) => e.id, (mine) => mine),
  };
}
