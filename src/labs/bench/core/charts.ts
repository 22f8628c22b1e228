/**
 * Chart layouts (d3 scales and paths; Svelte draws them): the speed-up of ours over each peer on a
 * log axis centred on 1×, and one figure's median across the saved runs.
 */
import { extent, line, max, scaleBand, scaleLinear, scaleLog, scaleTime } from 'd3';
import { reportRows } from './report';
import { summarize } from './stats';
import type { BenchRun } from './types';

export interface SpeedupBar {
  id: string;
  label: string;
  speedup: number;
  /** Bar from x0 to x1 (x of 1× is `one`). */
  x0: number;
  x1: number;
  y: number;
  height: number;
  wins: boolean;
}

export interface SpeedupLayout {
  bars: SpeedupBar[];
  one: number;
  ticks: { value: number; x: number; label: string }[];
  height: number;
}

/** One bar per peer figure of the run with a speed-up, on a symmetric log axis around 1×. */
export function speedupLayout(run: Pick<BenchRun, 'suites'>, width: number, rowHeight = 24): SpeedupLayout {
  const rows = reportRows(run).filter((r) => r.speedup !== null);
  const biggest = Math.max(2, max(rows, (r) => Math.max(r.speedup!, 1 / r.speedup!)) ?? 2);
  const x = scaleLog().domain([1 / biggest, biggest]).range([0, width]).nice();
  const y = scaleBand<string>().domain(rows.map((r) => r.id)).range([0, rows.length * rowHeight]).padding(0.2);
  const one = x(1);
  const [lo, hi] = x.domain() as [number, number];
  const ticks = x.ticks(6).filter((t) => [0.01, 0.1, 0.2, 0.5, 1, 2, 5, 10, 100, 1000].includes(Number(t.toPrecision(6))) && t >= lo && t <= hi);
  return {
    one,
    height: rows.length * rowHeight,
    ticks: ticks.map((t) => ({ value: t, x: x(t), label: `${t}×` })),
    bars: rows.map((r) => {
      const at = x(r.speedup!);
      return { id: r.id, label: r.label, speedup: r.speedup!, x0: Math.min(one, at), x1: Math.max(one, at), y: y(r.id)!, height: y.bandwidth(), wins: r.speedup! >= 1 };
    }),
  };
}

export interface HistoryPoint {
  runId: string;
  at: Date;
  median: number;
  x: number;
  y: number;
  backend: string;
}

export interface HistoryLayout {
  points: HistoryPoint[];
  path: string;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; value: number }[];
  unit: string;
}

/** The median of figure `figureId` in each saved run that has it, oldest first. */
export function historyLayout(runs: readonly BenchRun[], figureId: string, width: number, height: number): HistoryLayout | null {
  const found = runs.flatMap((run) => {
    const f = run.suites.flatMap((s) => s.figures).find((g) => g.id === figureId);
    return f ? [{ runId: run.id, at: new Date(run.startedAt), median: summarize(f.samples).median, backend: f.backend ?? '', unit: f.unit }] : [];
  });
  if (found.length === 0) return null;
  found.sort((a, b) => a.at.getTime() - b.at.getTime());
  const [t0, t1] = extent(found, (p) => p.at) as [Date, Date];
  const x = found.length === 1 ? scaleTime().domain([new Date(t0.getTime() - 3.6e6), new Date(t1.getTime() + 3.6e6)]).range([0, width]) : scaleTime().domain([t0, t1]).range([0, width]);
  const y = scaleLinear().domain([0, (max(found, (p) => p.median) ?? 1) * 1.1]).range([height, 0]).nice();
  const points = found.map((p) => ({ runId: p.runId, at: p.at, median: p.median, backend: p.backend, x: x(p.at), y: y(p.median) }));
  return {
    points,
    path: line<HistoryPoint>((p) => p.x, (p) => p.y)(points) ?? '',
    xTicks: x.ticks(4).map((t) => ({ x: x(t), label: x.tickFormat(4)(t) })),
    yTicks: y.ticks(4).map((v) => ({ y: y(v), value: v })),
    unit: found[0]!.unit,
  };
}
