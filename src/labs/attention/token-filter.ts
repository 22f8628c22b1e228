/** Which attention to show in a sentence pair: from sentence A or B, to sentence A or B. */
export type PairFilter = 'all' | 'a-a' | 'a-b' | 'b-a' | 'b-b';
export const PAIR_FILTERS: readonly PairFilter[] = ['all', 'a-a', 'a-b', 'b-a', 'b-b'];

const SPECIAL = new Set(['[CLS]', '[SEP]', '[PAD]', '<s>', '</s>', '<pad>', '<cls>', '<sep>']);

/** Whether a token is a special marker ([CLS], [SEP], <s> …) rather than text. */
export function isSpecialToken(token: string): boolean {
  return SPECIAL.has(token);
}

export interface Visibility {
  /** Query ("from") tokens shown. */
  rows: boolean[];
  /** Key ("to") tokens shown. */
  cols: boolean[];
}

export interface VisibilityOptions {
  tokens: readonly string[];
  /** Token type ids: 0 = sentence A (with [CLS] and its [SEP]), 1 = sentence B. */
  segments: readonly number[];
  filter: PairFilter;
  hideSpecial: boolean;
}

/** Which rows and columns to show for a pair filter and the [CLS]/[SEP] switch. */
export function visibility({ tokens, segments, filter, hideSpecial }: VisibilityOptions): Visibility {
  if (segments.length !== tokens.length) throw new RangeError(`${tokens.length} tokens but ${segments.length} segment ids`);
  const from = filter === 'all' ? null : filter[0] === 'a' ? 0 : 1;
  const to = filter === 'all' ? null : filter[2] === 'a' ? 0 : 1;
  const keep = (i: number, segment: number | null) => (segment === null || segments[i] === segment) && !(hideSpecial && isSpecialToken(tokens[i]!));
  return { rows: tokens.map((_, i) => keep(i, from)), cols: tokens.map((_, i) => keep(i, to)) };
}

/**
 * A copy of the seq × seq matrix with hidden rows and columns zeroed; with `renormalise`, each shown
 * row is rescaled to sum to 1 over the shown columns (what the token would attend to if the hidden
 * ones were not there). A row with no weight on shown columns stays zero.
 */
export function applyVisibility(matrix: Float32Array, { rows, cols }: Visibility, renormalise: boolean): Float32Array {
  const n = rows.length;
  if (matrix.length !== n * n || cols.length !== n) throw new RangeError(`matrix of ${matrix.length} values does not match ${n} tokens`);
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    if (!rows[i]) continue;
    let sum = 0;
    for (let j = 0; j < n; j++) if (cols[j]) sum += out[i * n + j] = matrix[i * n + j]!;
    if (renormalise && sum > 0) for (let j = 0; j < n; j++) out[i * n + j]! /= sum;
  }
  return out;
}

/**
 * Attention each shown key token receives: the mean, over shown query rows, of its column.
 * Hidden columns get 0.
 */
export function attentionReceived(matrix: Float32Array, { rows, cols }: Visibility): Float32Array {
  const n = rows.length;
  const out = new Float32Array(n);
  const shownRows = rows.filter(Boolean).length;
  if (shownRows === 0) return out;
  for (let i = 0; i < n; i++) if (rows[i]) for (let j = 0; j < n; j++) if (cols[j]) out[j]! += matrix[i * n + j]!;
  for (let j = 0; j < n; j++) out[j]! /= shownRows;
  return out;
}
