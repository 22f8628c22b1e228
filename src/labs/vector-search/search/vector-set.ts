/**
 * A collection's vectors as one contiguous row-major Float32Array (`count × dim`), the layout
 * every search function here scans.
 */
export interface VectorSet {
  data: Float32Array;
  dim: number;
  count: number;
}

export type Metric = 'cosine' | 'dot' | 'l2';
export const METRICS: readonly Metric[] = ['cosine', 'dot', 'l2'];

export function vectorSet(data: Float32Array, dim: number): VectorSet {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
  if (data.length % dim !== 0) throw new RangeError(`data length ${data.length} is not a multiple of dim ${dim}`);
  return { data, dim, count: data.length / dim };
}

/** Row `i` as a view (no copy). */
export function row(set: VectorSet, i: number): Float32Array {
  return set.data.subarray(i * set.dim, (i + 1) * set.dim);
}

/** Euclidean norm of every row. */
export function rowNorms(set: VectorSet): Float32Array {
  const { data, dim, count } = set;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let s = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += data[o + j]! * data[o + j]!;
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** Whether every row has unit length (within `tolerance`): then cosine equals dot. */
export function isNormalized(set: VectorSet, tolerance = 1e-3): boolean {
  const norms = rowNorms(set);
  for (let i = 0; i < norms.length; i++) if (Math.abs(norms[i]! - 1) > tolerance) return false;
  return true;
}

/** `v / |v|` (a zero vector stays zero). */
export function normalized(v: Float32Array): Float32Array {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j]! * v[j]!;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  const out = new Float32Array(v.length);
  for (let j = 0; j < v.length; j++) out[j] = v[j]! * inv;
  return out;
}

/** Dot product of `a` with row `offset / dim` of `data`, unrolled by four (the hot loop of every scan). */
export function dotAt(a: Float32Array, data: Float32Array, offset: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += a[j]! * data[offset + j]!;
    s1 += a[j + 1]! * data[offset + j + 1]!;
    s2 += a[j + 2]! * data[offset + j + 2]!;
    s3 += a[j + 3]! * data[offset + j + 3]!;
  }
  for (; j < dim; j++) s0 += a[j]! * data[offset + j]!;
  return s0 + s1 + s2 + s3;
}

/** Squared Euclidean distance between `a` and row `offset / dim` of `data`. */
export function l2SqAt(a: Float32Array, data: Float32Array, offset: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let j = 0;
  for (; j + 1 < dim; j += 2) {
    const d0 = a[j]! - data[offset + j]!;
    const d1 = a[j + 1]! - data[offset + j + 1]!;
    s0 += d0 * d0;
    s1 += d1 * d1;
  }
  for (; j < dim; j++) {
    const d = a[j]! - data[offset + j]!;
    s0 += d * d;
  }
  return s0 + s1;
}
