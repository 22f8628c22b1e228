/**
 * Entity spans from BIO tags and entity-level precision / recall / F1 with exact span match, the
 * way the CoNLL `conlleval` script scores named-entity recognition.
 *
 * A span starts at `B-X`, or at `I-X` not preceded by a tag of type X (conlleval's lenient reading
 * of an ill-formed sequence), and continues over following `I-X` tags. A predicted span counts only
 * if start, end and type all equal a gold span.
 *
 * @example
 * bioSpans(['B-Chemical', 'O', 'B-Disease', 'I-Disease'])
 * // [{ type: 'Chemical', start: 0, end: 1 }, { type: 'Disease', start: 2, end: 4 }]
 */
export interface EntitySpan {
  type: string;
  /** Index of the first token. */
  start: number;
  /** Index one past the last token. */
  end: number;
}

export interface EntityScores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

const TAG = /^(B|I)-(.+)$/;

export function bioSpans(tags: readonly string[]): EntitySpan[] {
  const spans: EntitySpan[] = [];
  let open: EntitySpan | undefined;
  tags.forEach((tag, i) => {
    if (tag === 'O') {
      open = undefined;
      return;
    }
    const match = TAG.exec(tag);
    if (!match) throw new RangeError(`invalid tag at ${i}: ${tag} (expected O, B-TYPE or I-TYPE)`);
    const [, prefix, type] = match as unknown as [string, 'B' | 'I', string];
    if (prefix === 'I' && open !== undefined && open.type === type) {
      open.end = i + 1;
    } else {
      open = { type, start: i, end: i + 1 };
      spans.push(open);
    }
  });
  return spans;
}

const key = (s: EntitySpan) => `${s.type}:${s.start}:${s.end}`;

/** Exact-match scores of `predicted` spans against `gold` spans; 0 where a ratio is 0/0. */
export function entityScores(gold: readonly EntitySpan[], predicted: readonly EntitySpan[]): EntityScores {
  const goldKeys = new Set(gold.map(key));
  const tp = new Set(predicted.map(key).filter((k) => goldKeys.has(k))).size;
  const fp = predicted.length - tp;
  const fn = gold.length - tp;
  const precision = predicted.length === 0 ? 0 : tp / predicted.length;
  const recall = gold.length === 0 ? 0 : tp / gold.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}
