/**
 * recall@k of an approximate search: the share of the exact top-k found in the approximate top-k,
 * averaged over queries (what ann-benchmarks reports).
 * @example
 * recallAtK([[1, 2, 9]], [[1, 2, 3]], 3); // 0.666…
 */
export function recallAtK(approx: readonly (readonly number[])[], exact: readonly (readonly number[])[], k: number): number {
  if (approx.length !== exact.length) throw new RangeError(`${approx.length} approximate result lists for ${exact.length} queries`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (exact.length === 0) throw new RangeError('no queries');
  let sum = 0;
  for (let q = 0; q < exact.length; q++) {
    const truth = exact[q]!.slice(0, k);
    if (truth.length === 0) throw new RangeError(`query ${q} has no exact neighbours`);
    const found = new Set(approx[q]!.slice(0, k));
    sum += truth.filter((id) => found.has(id)).length / truth.length;
  }
  return sum / exact.length;
}

export interface EfPoint {
  ef: number;
  recall: number;
}

/** The first point (in sweep order) whose recall reaches `target`, or null when none does. */
export function firstReaching(points: readonly EfPoint[], target: number): EfPoint | null {
  return points.find((p) => p.recall >= target) ?? null;
}
