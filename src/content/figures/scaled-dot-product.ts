/**
 * Scaled dot-product attention, written out step by step for teaching (Vaswani et al., 2017):
 *
 *   Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V
 *
 * Each step is returned so a figure can show scores, weights and outputs separately.
 *
 * @example
 * const { weights } = attention(EXAMPLE.q, EXAMPLE.k, EXAMPLE.v);
 * weights[2] // ≈ [0.045, 0.768, 0.187]: "sat" attends mostly to "cat"
 */
export type Matrix = readonly (readonly number[])[];

export interface AttentionOptions {
  /** Divide scores by √d_k (default true). */
  scale?: boolean;
  /** Causal mask: position i may attend only to positions ≤ i, as in a decoder (default false). */
  causal?: boolean;
}

export interface AttentionSteps {
  /** Q·Kᵀ, before scaling and masking. */
  dots: number[][];
  /** What enters the softmax: dots / √d_k (if scaled), −∞ where masked. */
  scores: number[][];
  /** Row-wise softmax of the scores; each row sums to 1. */
  weights: number[][];
  /** weights · V: one new vector per token. */
  outputs: number[][];
}

function checkMatrix(name: string, m: Matrix, cols?: number): void {
  if (m.length === 0) throw new RangeError(`invalid ${name}: no rows`);
  const width = cols ?? m[0]!.length;
  m.forEach((row, i) => {
    if (row.length !== width || width === 0) throw new RangeError(`invalid ${name}: row ${i} has ${row.length} columns, expected ${width}`);
    if (!row.every(Number.isFinite)) throw new RangeError(`invalid ${name}: row ${i} has a non-finite entry`);
  });
}

/** Numerically stable softmax of one row; −∞ entries get weight 0. */
export function softmax(row: readonly number[]): number[] {
  const max = Math.max(...row);
  if (!Number.isFinite(max)) throw new RangeError('invalid row: no finite entry');
  const e = row.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export function attention(q: Matrix, k: Matrix, v: Matrix, { scale = true, causal = false }: AttentionOptions = {}): AttentionSteps {
  checkMatrix('Q', q);
  const dk = q[0]!.length;
  checkMatrix('K', k, dk);
  checkMatrix('V', v);
  if (v.length !== k.length) throw new RangeError(`invalid V: ${v.length} rows for ${k.length} keys`);
  const dots = q.map((qi) => k.map((kj) => qi.reduce((s, x, d) => s + x * kj[d]!, 0)));
  const divisor = scale ? Math.sqrt(dk) : 1;
  const scores = dots.map((row, i) => row.map((x, j) => (causal && j > i ? -Infinity : x / divisor)));
  const weights = scores.map(softmax);
  const outputs = weights.map((w) => v[0]!.map((_, d) => w.reduce((s, wj, j) => s + wj * v[j]![d]!, 0)));
  return { dots, scores, weights, outputs };
}

/** The lesson's worked example: three tokens, d_k = 2. */
export const EXAMPLE = {
  tokens: ['the', 'cat', 'sat'],
  q: [[0, 1], [1, 1], [2, 0]],
  k: [[0, 1], [2, 0], [1, 1]],
  v: [[1, 0], [0, 2], [1, 1]],
} as const satisfies { tokens: readonly string[]; q: Matrix; k: Matrix; v: Matrix };
