import { scaleBand, scaleLinear } from 'd3';

export interface BenchBarInput {
  label: string;
  medianMs: number;
  p90Ms: number;
}

export interface BenchBar extends BenchBarInput {
  y: number;
  height: number;
  /** Bar end (median) and whisker (p90), in px from the plot's left edge. */
  medianX: number;
  p90X: number;
}

export interface BenchChartLayout {
  bars: BenchBar[];
  ticks: { x: number; value: number }[];
  plotWidth: number;
  plotHeight: number;
}

/**
 * Horizontal bars of median latency with a p90 whisker, one row per run; the x scale starts at 0
 * and is "nice" so ticks fall on round milliseconds. d3 computes, the component draws.
 */
export function benchChartLayout(rows: readonly BenchBarInput[], plotWidth: number, rowHeight = 28): BenchChartLayout {
  if (!(plotWidth > 0)) throw new RangeError(`invalid width: ${plotWidth}`);
  const plotHeight = rows.length * rowHeight;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((r) => r.p90Ms))])
    .nice()
    .range([0, plotWidth]);
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, plotHeight])
    .padding(0.25);
  return {
    bars: rows.map((r, i) => ({ ...r, y: y(i)!, height: y.bandwidth(), medianX: x(r.medianMs), p90X: x(r.p90Ms) })),
    ticks: x.ticks(5).map((value) => ({ x: x(value), value })),
    plotWidth,
    plotHeight,
  };
}
