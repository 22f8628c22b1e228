import { RuntimeError } from './errors';

/** Refuses a batch size `embed` cannot use (not an integer in 1…4096) with `bad-input`. */
export function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 4096) throw new RuntimeError('bad-input', { detail: `batchSize ${batchSize}` });
}

/**
 * Groups texts into batches for `embed`: within each window of `window` consecutive texts, sort by
 * token length (longest first) and cut into batches of `batchSize`, so each batch pads to a similar
 * length. Windows keep the order roughly stable (early texts finish early) and bound the sort.
 * @example planBatches([5, 1, 4, 2], 2, 4) // [[0, 2], [3, 1]]
 */
export function planBatches(lengths: readonly number[], batchSize: number, window = Math.max(64, batchSize * 8)): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`invalid batchSize: ${batchSize}`);
  if (!Number.isInteger(window) || window < batchSize) throw new RangeError(`invalid window: ${window} (must be ≥ batchSize)`);
  for (const n of lengths) if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid length: ${n}`);
  const batches: number[][] = [];
  for (let start = 0; start < lengths.length; start += window) {
    const idx = [];
    for (let i = start; i < Math.min(start + window, lengths.length); i++) idx.push(i);
    idx.sort((a, b) => lengths[b]! - lengths[a]! || a - b);
    for (let i = 0; i < idx.length; i += batchSize) batches.push(idx.slice(i, i + batchSize));
  }
  return batches;
}

/** Total token slots a plan pays for (each batch padded to its longest text); for tests and the bench. */
export function paddedTokens(lengths: readonly number[], batches: readonly number[][]): number {
  let sum = 0;
  for (const b of batches) sum += b.length * Math.max(0, ...b.map((i) => lengths[i]!));
  return sum;
}
