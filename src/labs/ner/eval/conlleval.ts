/**
 * Entity-level precision, recall and F1 with exact span match (conlleval semantics, as the model
 * factory's `conlleval.py`): a chunk starts at `B-X`, or at `I-X` after `O` or after another type,
 * and continues while the tags are `I-X`.
 */

export interface Chunk {
  /** Word range, end exclusive. */
  start: number;
  end: number;
  type: string;
}

export interface Score {
  tp: number;
  /** Predicted chunks. */
  predicted: number;
  /** Gold chunks. */
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EntityScores {
  byType: Record<string, Score>;
  overall: Score;
}

function split(tag: string): [string, string | null] {
  const dash = tag.indexOf('-');
  return dash === -1 ? [tag, null] : [tag.slice(0, dash), tag.slice(dash + 1)];
}

/** The chunks of a tag sequence. */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let start = -1;
  let type: string | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const [prefix, t] = i < tags.length ? split(tags[i]!) : ['O', null];
    const begins = prefix === 'B' || (prefix === 'I' && (type === null || t !== type));
    if (start !== -1 && (prefix === 'O' || begins)) {
      out.push({ start, end: i, type: type! });
      start = -1;
      type = null;
    }
    if (begins) {
      start = i;
      type = t;
    }
  }
  return out;
}

/** Precision, recall and F1 from counts (0 where undefined). */
export function score(tp: number, predicted: number, gold: number): Score {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, predicted, gold, precision, recall, f1 };
}

const key = (c: Chunk) => `${c.start}:${c.end}:${c.type}`;

/**
 * Scores predicted against gold chunks, per sentence. With `types`, only those types count (each
 * listed, zero where absent) and `overall` sums them; otherwise every type seen counts.
 */
export function scoreChunks(gold: readonly Chunk[][], pred: readonly Chunk[][], types?: readonly string[]): EntityScores {
  if (gold.length !== pred.length) throw new RangeError(`${gold.length} gold sentences but ${pred.length} predicted`);
  const counts = new Map<string, [number, number, number]>();
  const bump = (type: string, i: 0 | 1 | 2) => {
    const c = counts.get(type) ?? [0, 0, 0];
    c[i]++;
    counts.set(type, c);
  };
  gold.forEach((g, s) => {
    const goldKeys = new Set(g.map(key));
    for (const c of g) bump(c.type, 2);
    for (const c of pred[s]!) {
      bump(c.type, 1);
      if (goldKeys.has(key(c))) bump(c.type, 0);
    }
  });
  const kept = types ?? [...counts.keys()].sort();
  const byType: Record<string, Score> = {};
  let tp = 0;
  let predicted = 0;
  let goldTotal = 0;
  for (const type of kept) {
    const [t, p, g] = counts.get(type) ?? [0, 0, 0];
    byType[type] = score(t, p, g);
    tp += t;
    predicted += p;
    goldTotal += g;
  }
  return { byType, overall: score(tp, predicted, goldTotal) };
}

/** Scores tag sequences (conlleval over whole corpora). */
export function scoreTags(gold: readonly string[][], pred: readonly string[][], types?: readonly string[]): EntityScores {
  return scoreChunks(gold.map(chunks), pred.map(chunks), types);
}
