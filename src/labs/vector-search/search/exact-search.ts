import type { DotScanner } from './simd-dot';
import { TopKHeap, type Hit } from './top-k-heap';
import { dotAt, l2SqAt, normalized, rowNorms, type Metric, type VectorSet } from './vector-set';

export interface ExactSearchOptions {
  /** Row norms (from `rowNorms`), reused across cosine queries; computed per call when absent. */
  norms?: Float32Array;
  /** Rows that may be returned (1) or not (0): the metadata filter. All rows when absent. */
  allow?: Uint8Array | null;
  /** The WebAssembly SIMD scanner holding these same vectors: computes the dot products (needs `norms` for cosine and L2). */
  scanner?: DotScanner | null;
}

/** Top k from precomputed dot products: cosine, dot, or L2 through ‖q‖² + ‖x‖² − 2 q·x. */
function fromDots(dots: Float32Array, query: Float32Array, k: number, metric: Metric, norms: Float32Array, allow: Uint8Array | null): Hit[] {
  const heap = new TopKHeap(Math.max(1, Math.min(k, dots.length)));
  let qq = 0;
  for (let j = 0; j < query.length; j++) qq += query[j]! * query[j]!;
  const qn = Math.sqrt(qq);
  for (let i = 0; i < dots.length; i++) {
    if (allow && allow[i] === 0) continue;
    const d = dots[i]!;
    if (metric === 'dot') heap.push(i, d);
    else if (metric === 'cosine') heap.push(i, norms[i]! > 0 && qn > 0 ? d / (norms[i]! * qn) : 0);
    else heap.push(i, -Math.max(0, qq + norms[i]! * norms[i]! - 2 * d));
  }
  return metric === 'l2' ? heap.sorted((p) => Math.sqrt(-p)) : heap.sorted();
}

/**
 * Exact k-nearest-neighbour search, the ground truth: scans every row once with a size-k heap.
 * Scores: cosine similarity or dot product (higher first), or Euclidean distance (lower first).
 * @example
 * exactSearch(set, query, 10, 'cosine', { norms }); // [{ index: 42, score: 0.83 }, …]
 */
export function exactSearch(set: VectorSet, query: Float32Array, k: number, metric: Metric, opts: ExactSearchOptions = {}): Hit[] {
  const { data, dim, count } = set;
  if (query.length !== dim) throw new RangeError(`query has ${query.length} dimensions, the collection ${dim}`);
  if (opts.allow && opts.allow.length !== count) throw new RangeError(`filter has ${opts.allow.length} entries for ${count} rows`);
  const heap = new TopKHeap(Math.max(1, Math.min(k, count)));
  if (count === 0 || k < 1) return [];
  const allow = opts.allow ?? null;
  const scanner = opts.scanner;
  if (scanner && scanner.dim === dim && scanner.count >= count && (metric === 'dot' || opts.norms)) {
    return fromDots(scanner.dots(query, count), query, k, metric, opts.norms ?? new Float32Array(0), allow);
  }
  if (metric === 'l2') {
    for (let i = 0, o = 0; i < count; i++, o += dim) {
      if (allow && allow[i] === 0) continue;
      heap.push(i, -l2SqAt(query, data, o, dim));
    }
    return heap.sorted((p) => Math.sqrt(-p));
  }
  if (metric === 'dot') {
    for (let i = 0, o = 0; i < count; i++, o += dim) {
      if (allow && allow[i] === 0) continue;
      heap.push(i, dotAt(query, data, o, dim));
    }
    return heap.sorted();
  }
  const q = normalized(query);
  const norms = opts.norms ?? rowNorms(set);
  if (norms.length !== count) throw new RangeError(`norms has ${norms.length} entries for ${count} rows`);
  for (let i = 0, o = 0; i < count; i++, o += dim) {
    if (allow && allow[i] === 0) continue;
    const n = norms[i]!;
    heap.push(i, n > 0 ? dotAt(q, data, o, dim) / n : 0);
  }
  return heap.sorted();
}
