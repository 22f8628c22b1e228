/**
 * Principal component analysis for the 2-D map: the covariance matrix of the vectors (of an evenly
 * spaced sample of at most `maxSample` rows, so 100k × 256 stays well under a second), then its top
 * eigenvectors by orthogonal (subspace) iteration. Components are sign-fixed (largest coordinate
 * positive) so the map does not flip between runs.
 * @example
 * const basis = fitPca(set);
 * const xy = projectAll(set, basis); // Float32Array, count × 2
 */
import type { VectorSet } from '../search/vector-set';

export interface PcaBasis {
  dim: number;
  mean: Float64Array;
  /** `components × dim`, row-major, unit length, orthogonal. */
  components: Float64Array;
  /** Variance along each component (its eigenvalue). */
  variances: number[];
  /** Total variance (trace of the covariance): `variances[i] / totalVariance` is the explained share. */
  totalVariance: number;
  sampleSize: number;
}

export interface PcaOptions {
  components?: number;
  maxSample?: number;
  maxIterations?: number;
  tolerance?: number;
}

/** Evenly spaced row indices, at most `max` of `count`. */
export function sampleRows(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * count) / max));
}

export function covariance(set: VectorSet, rows: readonly number[]): { mean: Float64Array; cov: Float64Array } {
  const { data, dim } = set;
  const m = rows.length;
  const mean = new Float64Array(dim);
  for (const r of rows) for (let j = 0; j < dim; j++) mean[j]! += data[r * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= Math.max(1, m);
  const cov = new Float64Array(dim * dim);
  const c = new Float64Array(dim);
  for (const r of rows) {
    for (let j = 0; j < dim; j++) c[j] = data[r * dim + j]! - mean[j]!;
    for (let a = 0; a < dim; a++) {
      const ca = c[a]!;
      if (ca === 0) continue;
      const base = a * dim;
      for (let b = a; b < dim; b++) cov[base + b]! += ca * c[b]!;
    }
  }
  const denom = Math.max(1, m - 1);
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b]! / denom;
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { mean, cov };
}

/** Top `p` eigenpairs of a symmetric `dim × dim` matrix by orthogonal iteration. */
export function topEigenvectors(
  matrix: Float64Array,
  dim: number,
  p: number,
  { maxIterations = 1000, tolerance = 1e-13 } = {},
): { vectors: Float64Array; values: number[] } {
  p = Math.min(p, dim);
  const q = new Float64Array(dim * p);
  // Deterministic start: a fixed, non-degenerate pattern.
  for (let i = 0; i < p; i++) for (let j = 0; j < dim; j++) q[i * dim + j] = Math.sin((i + 1) * (j + 1) * 0.7) + (i === j % p ? 1 : 0);
  orthonormalize(q, dim, p);
  const z = new Float64Array(dim * p);
  for (let it = 0; it < maxIterations; it++) {
    multiply(matrix, dim, q, p, z);
    orthonormalize(z, dim, p);
    // How far each vector moved (up to sign): ‖z_i − ±q_i‖.
    let change = 0;
    for (let i = 0; i < p; i++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += z[i * dim + j]! * q[i * dim + j]!;
      const sign = dot < 0 ? -1 : 1;
      let d = 0;
      for (let j = 0; j < dim; j++) d += (z[i * dim + j]! - sign * q[i * dim + j]!) ** 2;
      change = Math.max(change, Math.sqrt(d));
    }
    q.set(z);
    if (change < tolerance) break;
  }
  const values: number[] = [];
  const mv = new Float64Array(dim * p);
  multiply(matrix, dim, q, p, mv);
  for (let i = 0; i < p; i++) {
    let v = 0;
    for (let j = 0; j < dim; j++) v += q[i * dim + j]! * mv[i * dim + j]!;
    values.push(v);
    let big = 0;
    for (let j = 1; j < dim; j++) if (Math.abs(q[i * dim + j]!) > Math.abs(q[i * dim + big]!)) big = j;
    if (q[i * dim + big]! < 0) for (let j = 0; j < dim; j++) q[i * dim + j] = -q[i * dim + j]!;
  }
  return { vectors: q, values };
}

/** out[i] = M · v_i for the p row-vectors v_i. */
function multiply(m: Float64Array, dim: number, v: Float64Array, p: number, out: Float64Array): void {
  for (let i = 0; i < p; i++) {
    for (let a = 0; a < dim; a++) {
      let s = 0;
      const base = a * dim;
      for (let b = 0; b < dim; b++) s += m[base + b]! * v[i * dim + b]!;
      out[i * dim + a] = s;
    }
  }
}

/**
 * Modified Gram–Schmidt on p row-vectors. A vector that (numerically) lies in the span of the
 * earlier ones — rank-deficient data — is replaced by the first basis vector that does not.
 */
function orthonormalize(v: Float64Array, dim: number, p: number): void {
  let nextBasis = 0;
  for (let i = 0; i < p; i++) {
    let before = 0;
    for (let j = 0; j < dim; j++) before += v[i * dim + j]! ** 2;
    for (let k = 0; k < i; k++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += v[i * dim + j]! * v[k * dim + j]!;
      for (let j = 0; j < dim; j++) v[i * dim + j]! -= dot * v[k * dim + j]!;
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += v[i * dim + j]! ** 2;
    if (norm <= 1e-20 * before || norm < 1e-300) {
      if (nextBasis >= dim) throw new Error('orthonormalize: ran out of basis vectors');
      v.fill(0, i * dim, (i + 1) * dim);
      v[i * dim + nextBasis++] = 1;
      i--;
      continue;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) v[i * dim + j]! /= norm;
  }
}

export function fitPca(set: VectorSet, opts: PcaOptions = {}): PcaBasis {
  const { components = 2, maxSample = 8192, maxIterations = 1000, tolerance = 1e-13 } = opts;
  if (set.count < 2) throw new RangeError(`PCA needs at least 2 vectors, got ${set.count}`);
  const rows = sampleRows(set.count, maxSample);
  const { mean, cov } = covariance(set, rows);
  const { vectors, values } = topEigenvectors(cov, set.dim, components, { maxIterations, tolerance });
  let total = 0;
  for (let j = 0; j < set.dim; j++) total += cov[j * set.dim + j]!;
  return { dim: set.dim, mean, components: vectors, variances: values.map((v) => Math.max(0, v)), totalVariance: total, sampleSize: rows.length };
}

/** Coordinates of one vector on the first two components. */
export function projectOne(v: ArrayLike<number>, basis: PcaBasis, offset = 0): [number, number] {
  const { dim, mean, components } = basis;
  let x = 0;
  let y = 0;
  for (let j = 0; j < dim; j++) {
    const c = v[offset + j]! - mean[j]!;
    x += c * components[j]!;
    y += c * (components[dim + j] ?? 0);
  }
  return [x, y];
}

export function projectAll(set: VectorSet, basis: PcaBasis): Float32Array {
  if (set.dim !== basis.dim) throw new RangeError(`basis has ${basis.dim} dimensions, the vectors ${set.dim}`);
  const out = new Float32Array(set.count * 2);
  for (let i = 0; i < set.count; i++) {
    const [x, y] = projectOne(set.data, basis, i * set.dim);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}
