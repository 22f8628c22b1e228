/**
 * Sentence vectors from a `[batch, seq, hidden]` hidden state: mean over the tokens the attention
 * mask keeps, or the first ([CLS]) token; then optionally L2-normalised. Writes into `out`, row by row.
 */

export interface HiddenState {
  data: Float32Array;
  dims: readonly number[];
}

function checkDims(h: HiddenState): [number, number, number] {
  const [b, s, d] = h.dims;
  if (h.dims.length !== 3 || b === undefined || s === undefined || d === undefined) {
    throw new RangeError(`hidden state must be [batch, seq, hidden], got [${h.dims.join(', ')}]`);
  }
  if (h.data.length !== b * s * d) throw new RangeError(`hidden state has ${h.data.length} values, dims say ${b * s * d}`);
  return [b, s, d];
}

/** Mean of the rows whose mask is 1; `mask` is `[batch][seq]`. A row with no kept token gives zeros. */
export function meanPool(h: HiddenState, mask: readonly (readonly number[])[], out: Float32Array, outRows: readonly number[]): void {
  const [b, s, d] = checkDims(h);
  for (let i = 0; i < b; i++) {
    const row = mask[i];
    if (!row || row.length !== s) throw new RangeError(`mask row ${i} must have ${s} entries`);
    const o = outRows[i]! * d;
    out.fill(0, o, o + d);
    let kept = 0;
    for (let t = 0; t < s; t++) {
      if (row[t] === 0) continue;
      kept++;
      const base = (i * s + t) * d;
      for (let k = 0; k < d; k++) out[o + k]! += h.data[base + k]!;
    }
    if (kept > 0) for (let k = 0; k < d; k++) out[o + k]! /= kept;
  }
}

/** The first token's vector of each row. */
export function clsPool(h: HiddenState, out: Float32Array, outRows: readonly number[]): void {
  const [b, s, d] = checkDims(h);
  for (let i = 0; i < b; i++) out.set(h.data.subarray(i * s * d, i * s * d + d), outRows[i]! * d);
}

/** Scales each of `rows` rows of width `d` to unit length (a zero row stays zero). */
export function l2Normalize(out: Float32Array, d: number, rows: readonly number[]): void {
  for (const r of rows) {
    let sq = 0;
    for (let k = 0; k < d; k++) sq += out[r * d + k]! ** 2;
    const norm = Math.sqrt(sq);
    if (norm > 0) for (let k = 0; k < d; k++) out[r * d + k]! /= norm;
  }
}
