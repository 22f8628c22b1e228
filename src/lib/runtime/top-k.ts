/**
 * Softmax of one logits row, then the `k` most probable entries, most probable first.
 * Uses the max-subtraction form so large logits do not overflow.
 * @example softmaxTopK(new Float32Array([0, Math.log(3)]), 1) // [{ index: 1, prob: 0.75 }]
 */
export function softmaxTopK(logits: Float32Array, k: number): { index: number; prob: number }[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`invalid k: ${k}`);
  if (logits.length === 0) throw new RangeError('empty logits');
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  if (!Number.isFinite(max)) throw new RangeError('logits must be finite');
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  const n = Math.min(k, logits.length);
  // keep the best n in a small sorted array: O(V·k), k is small
  const best: { index: number; logit: number }[] = [];
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (best.length === n && v <= best[n - 1]!.logit) continue;
    let j = best.length < n ? best.length : n - 1;
    if (best.length < n) best.push({ index: i, logit: v });
    while (j > 0 && best[j - 1]!.logit < v) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = { index: i, logit: v };
  }
  return best.map((b) => ({ index: b.index, prob: Math.exp(b.logit - max) / sum }));
}
