import { aggregateHeads, allHeads } from './aggregate-heads';
import type { AttentionStack } from './attention-stack';

/**
 * Attention rollout (Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers").
 *
 * For each layer l: average the heads (Ā_l), add the identity for the residual connection and
 * renormalise the rows: Ã_l = rownorm(Ā_l + I) — for row-stochastic Ā_l this is 0.5·Ā_l + 0.5·I,
 * the paper's choice. Then multiply through the layers, later layers on the LEFT:
 *
 *     R = Ã_L · Ã_{L−1} · … · Ã_1
 *
 * R[i][j] is how much input token j contributes to token i's representation after the last layer
 * (row i sums to 1). Left-multiplying is the order the information flows: the top layer's row i mixes
 * the layer-below rows, each of which already mixes the inputs.
 *
 * @param upToLayer roll out layers 0 … upToLayer (default: all)
 */
export function attentionRollout(stack: AttentionStack, upToLayer = stack.layers - 1): Float32Array {
  if (upToLayer < 0 || upToLayer >= stack.layers) throw new RangeError(`layer ${upToLayer} out of range 0…${stack.layers - 1}`);
  const n = stack.seq;
  let rollout: Float32Array | null = null;
  for (let l = 0; l <= upToLayer; l++) {
    const a = withResidual(aggregateHeads(stack, l, allHeads(stack), 'mean'), n);
    rollout = rollout === null ? a : multiply(a, rollout, n);
  }
  return rollout!;
}

/** rownorm(A + I). */
function withResidual(a: Float32Array, n: number): Float32Array {
  for (let i = 0; i < n; i++) {
    a[i * n + i]! += 1;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += a[i * n + j]!;
    for (let j = 0; j < n; j++) a[i * n + j]! /= sum;
  }
  return a;
}

/** a · b for n × n row-major matrices, accumulated in float64. */
function multiply(a: Float32Array, b: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) row[j]! += aik * b[k * n + j]!;
    }
    out.set(row, i * n);
  }
  return out;
}
