/** Row-wise softmax of a row-major `rows × width` matrix (max-shifted, as Hugging Face's pipeline). */
export function softmaxRows(logits: Float32Array, width: number): Float32Array {
  if (!Number.isInteger(width) || width <= 0 || logits.length % width !== 0) {
    throw new RangeError(`invalid width ${width} for ${logits.length} values`);
  }
  const out = new Float32Array(logits.length);
  for (let r = 0; r < logits.length; r += width) {
    let max = -Infinity;
    for (let k = 0; k < width; k++) max = Math.max(max, logits[r + k]!);
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const e = Math.exp(logits[r + k]! - max);
      out[r + k] = e;
      sum += e;
    }
    for (let k = 0; k < width; k++) out[r + k] = out[r + k]! / sum;
  }
  return out;
}

/** Row-wise log-softmax of a row-major matrix (max-shifted), e.g. for `bioViterbi`. */
export function logSoftmaxRows(logits: Float32Array, width: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let r = 0; r < logits.length; r += width) {
    let max = -Infinity;
    for (let k = 0; k < width; k++) max = Math.max(max, logits[r + k]!);
    let sum = 0;
    for (let k = 0; k < width; k++) sum += Math.exp(logits[r + k]! - max);
    const lse = max + Math.log(sum);
    for (let k = 0; k < width; k++) out[r + k] = logits[r + k]! - lse;
  }
  return out;
}

/** Index of the largest value in `row[from, from + width)`, the first on ties (as numpy/torch argmax). */
export function argmax(row: Float32Array, from: number, width: number): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (row[from + k]! > row[from + best]!) best = k;
  return best;
}
