import { quantileSorted } from 'd3';

export interface BenchSummary {
  runs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
  /** Input tokens processed per second at the median latency. */
  tokensPerSec: number;
}

/**
 * Median and 90th percentile (linear interpolation between order statistics, as numpy and d3 do)
 * of run latencies, and throughput at the median.
 * @example summarizeBench([10, 20, 30, 40], 8).medianMs // 25
 */
export function summarizeBench(latenciesMs: readonly number[], tokens: number): BenchSummary {
  if (latenciesMs.length === 0) throw new RangeError('no latencies');
  if (latenciesMs.some((v) => !Number.isFinite(v) || v < 0)) throw new RangeError('latencies must be finite and ≥ 0');
  if (!Number.isInteger(tokens) || tokens < 1) throw new RangeError(`invalid token count: ${tokens}`);
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const medianMs = quantileSorted(sorted, 0.5)!;
  return {
    runs: sorted.length,
    medianMs,
    p90Ms: quantileSorted(sorted, 0.9)!,
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    tokensPerSec: medianMs > 0 ? (tokens * 1000) / medianMs : Infinity,
  };
}
