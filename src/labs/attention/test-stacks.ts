import type { AttentionStack } from './attention-stack';

/** A stack from nested arrays [layer][head][row][col], for tests. */
export function stackOf(layers: number[][][][]): AttentionStack {
  const heads = layers[0]!.length;
  const seq = layers[0]![0]!.length;
  return { layers: layers.length, heads, seq, data: layers.map((l) => Float32Array.from(l.flat(2))) };
}

/** Rounds for exact comparison of float32 results with hand-computed decimals. */
export const rounded = (xs: ArrayLike<number>, digits = 6): number[] => Array.from(xs, (x) => Number(x.toFixed(digits)));
