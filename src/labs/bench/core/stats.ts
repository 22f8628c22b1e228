import type { Better } from './types';

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * Median, min, max and mean of a sample. Non-finite values are a bug in the measurement and throw.
 * @example
 * summarize([3, 1, 2]); // { n: 3, median: 2, min: 1, max: 3, mean: 2 }
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('no samples');
  if (samples.some((x) => !Number.isFinite(x))) throw new RangeError(`non-finite sample in [${samples.join(', ')}]`);
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n: s.length, median, min: s[0]!, max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/**
 * How many times better `ours` is than `peer`, from their medians: peer/ours for times (lower is
 * better), ours/peer for rates (higher is better). Above 1: ours wins.
 * @example
 * speedup(10, 30, 'lower');  // 3 — ours takes a third of the peer's time
 * speedup(50, 100, 'higher'); // 0.5 — ours does half the peer's rate
 */
export function speedup(oursMedian: number, peerMedian: number, better: Better): number {
  if (!(oursMedian > 0) || !(peerMedian > 0)) throw new RangeError(`medians must be positive, got ${oursMedian} and ${peerMedian}`);
  return better === 'lower' ? peerMedian / oursMedian : oursMedian / peerMedian;
}
