/**
 * Why predicted and gold entities disagree, one record per mistake:
 * - `false-positive`: a predicted entity that overlaps no gold entity;
 * - `false-negative`: a gold entity that no prediction overlaps;
 * - `boundary`: a prediction overlapping a gold entity of the same type, with other bounds;
 * - `type`: a prediction overlapping a gold entity of another type (same or other bounds).
 * A prediction is set against the gold entity it overlaps most (the first on ties).
 */
import type { Chunk } from './conlleval';

export type ErrorKind = 'false-positive' | 'false-negative' | 'boundary' | 'type';
export const ERROR_KINDS: readonly ErrorKind[] = ['false-positive', 'false-negative', 'boundary', 'type'];

export interface SpanError {
  kind: ErrorKind;
  sentence: number;
  gold: Chunk | null;
  pred: Chunk | null;
}

const overlap = (a: Chunk, b: Chunk) => Math.min(a.end, b.end) - Math.max(a.start, b.start);
const same = (a: Chunk, b: Chunk) => a.start === b.start && a.end === b.end && a.type === b.type;

/** The mistakes in one sentence. */
export function sentenceErrors(gold: readonly Chunk[], pred: readonly Chunk[], sentence = 0): SpanError[] {
  const errors: SpanError[] = [];
  const missed = gold.filter((g) => !pred.some((p) => same(g, p)));
  const explained = new Set<Chunk>();
  for (const p of pred) {
    if (gold.some((g) => same(g, p))) continue;
    let best: Chunk | null = null;
    for (const g of missed) if (overlap(g, p) > 0 && (best === null || overlap(g, p) > overlap(best, p))) best = g;
    if (best === null) {
      errors.push({ kind: 'false-positive', sentence, gold: null, pred: p });
    } else {
      explained.add(best);
      errors.push({ kind: best.type === p.type ? 'boundary' : 'type', sentence, gold: best, pred: p });
    }
  }
  for (const g of missed) if (!explained.has(g)) errors.push({ kind: 'false-negative', sentence, gold: g, pred: null });
  return errors;
}

/** The mistakes in a corpus, sentence by sentence. */
export function corpusErrors(gold: readonly Chunk[][], pred: readonly Chunk[][]): SpanError[] {
  if (gold.length !== pred.length) throw new RangeError(`${gold.length} gold sentences but ${pred.length} predicted`);
  return gold.flatMap((g, s) => sentenceErrors(g, pred[s]!, s));
}

/** How many mistakes of each kind. */
export function countErrors(errors: readonly SpanError[]): Record<ErrorKind, number> {
  const counts = { 'false-positive': 0, 'false-negative': 0, boundary: 0, type: 0 };
  for (const e of errors) counts[e.kind]++;
  return counts;
}
