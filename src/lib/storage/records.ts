/**
 * The records the app keeps about a learner: per-topic progress, notes and saved lab experiments,
 * with the checks that every record passes when it is read back from IndexedDB or imported.
 */
import {
  array,
  jsonValue,
  nullable,
  number,
  object,
  oneOf,
  optional,
  refine,
  string,
  type Check,
} from './validate';

/** `"<stage>/<slug>"`, e.g. `"2/transformer"`. */
export type TopicKey = `${number}/${string}`;

export const TOPIC_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export interface QuizAttempt {
  /** When the attempt was submitted (ms since the epoch); attempts are identified by it. */
  at: number;
  /** Questions answered correctly. */
  score: number;
  /** Questions in the quiz. */
  total: number;
  /** Chosen option indices, one array per question. */
  answers: number[][];
}

export interface TopicProgress {
  key: TopicKey;
  status: TopicStatus;
  quizAttempts: QuizAttempt[];
  /** Best `score / total` over all attempts, in [0, 1]; null before the first attempt. */
  bestScore: number | null;
  timeSpentMs: number;
  lastVisited: number | null;
  /** The learner's Markdown notes on the topic ("" when none). */
  notes: string;
}

/** What the `topics` store holds: progress without the notes, which live in the `notes` store. */
export type TopicRecord = Omit<TopicProgress, 'notes'>;

/** What the `notes` store holds: kept apart so autosaving notes never rewrites quiz history. */
export interface NoteRecord {
  key: TopicKey;
  markdown: string;
  updatedAt: number;
}

export interface Experiment {
  id: string;
  labId: string;
  title: string;
  /** Plain JSON (what the lab needs to re-run the experiment). */
  input: unknown;
  summary: string;
  /** Plain JSON (what the lab showed), when worth keeping. */
  output?: unknown;
  createdAt: number;
}

/** Upper bounds that keep a damaged or hostile record from swamping the app. */
export const LIMITS = {
  topics: 2_000,
  quizAttemptsPerTopic: 1_000,
  questionsPerAttempt: 200,
  notesLength: 200_000,
  experiments: 5_000,
  experimentJsonValues: 200_000,
  titleLength: 500,
  summaryLength: 10_000,
} as const;

const TOPIC_KEY = /^[1-9]\d{0,2}\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isTopicKey(value: unknown): value is TopicKey {
  return typeof value === 'string' && value.length <= 120 && TOPIC_KEY.test(value);
}

const topicKey: Check<TopicKey> = refine(string(), (s) =>
  isTopicKey(s) ? null : `"${s.slice(0, 40)}" is not a topic key like "2/transformer"`,
) as Check<TopicKey>;

const labId = refine(string({ maxLength: 64 }), (s) => (LAB_ID.test(s) ? null : `"${s}" is not a lab id like "vector-search"`));

/** A point in time in ms since the epoch. */
export const timestamp = number({ min: 0, max: 8.64e15, integer: true });

const count = number({ min: 0, max: 10_000, integer: true });

export const quizAttempt: Check<QuizAttempt> = refine(
  object({
    at: timestamp,
    score: count,
    total: count,
    answers: array(array(number({ min: 0, max: 1_000, integer: true }), { maxLength: 100 }), {
      maxLength: LIMITS.questionsPerAttempt,
    }),
  }),
  (a) => (a.score > a.total ? `score ${a.score} is greater than total ${a.total}` : null),
);

/** The fields of a topic record, for checks that extend it (the export file's topics). */
export const topicFields = {
  key: topicKey,
  status: oneOf(TOPIC_STATUSES),
  quizAttempts: array(quizAttempt, { maxLength: LIMITS.quizAttemptsPerTopic }),
  bestScore: nullable(number({ min: 0, max: 1 })),
  timeSpentMs: number({ min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }),
  lastVisited: nullable(timestamp),
};

export const topicRecord: Check<TopicRecord> = object(topicFields);

export const notesMarkdown = string({ maxLength: LIMITS.notesLength });

export const noteRecord: Check<NoteRecord> = object({ key: topicKey, markdown: notesMarkdown, updatedAt: timestamp });

const experimentJson = jsonValue({ maxNodes: LIMITS.experimentJsonValues });

export const experiment: Check<Experiment> = object({
  id: string({ maxLength: 100 }),
  labId,
  title: string({ maxLength: LIMITS.titleLength }),
  input: experimentJson,
  summary: string({ maxLength: LIMITS.summaryLength }),
  output: optional(experimentJson),
  createdAt: timestamp,
});

export function defaultTopicRecord(key: TopicKey): TopicRecord {
  return { key, status: 'not-started', quizAttempts: [], bestScore: null, timeSpentMs: 0, lastVisited: null };
}

/** The best `score / total` among the attempts (a quiz with no questions does not count). */
export function bestScoreOf(attempts: readonly QuizAttempt[]): number | null {
  let best: number | null = null;
  for (const a of attempts) {
    if (a.total > 0 && (best === null || a.score / a.total > best)) best = a.score / a.total;
  }
  return best;
}

const STATUS_RANK: Record<TopicStatus, number> = { 'not-started': 0, 'in-progress': 1, done: 2 };

/** The status further along the path: done > in-progress > not-started. */
export function furtherStatus(a: TopicStatus, b: TopicStatus): TopicStatus {
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}
