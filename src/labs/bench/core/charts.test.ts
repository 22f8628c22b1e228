import { describe, expect, it } from 'vitest';
import { historyLayout, speedupLayout } from './charts';
import type { BenchRun, Figure } from './types';

const f = (id: string, role: Figure['role'], samples: number[], compare = 'c'): Figure => ({ id, suite: 's', label: id, unit: 'ms', better: 'lower', role, compare, samples, backend: 'wasm' });
const run = (id: string, startedAt: string, figures: Figure[]): BenchRun => ({
  app: 'llm-learning-lab', kind: 'bench-run', version: 1, id, mode: 'full', startedAt, finishedAt: startedAt, origin: 'page',
  machine: { userAgent: '', cores: 2, crossOriginIsolated: true, wasmThreads: 2, simd: true, webgpu: { available: false, fallbackAdapter: false, adapter: '' }, deviceMemoryGb: null },
  suites: [{ suite: 's', figures, skipped: [], notes: [], ms: 1 }],
});

describe('speedupLayout', () => {
  it('speedupLayout puts a win right of 1× and a loss left of it, symmetric in log space', () => {
    const layout = speedupLayout(run('r', '2025-01-01T00:00:00Z', [f('ours', 'ours', [10]), f('slow', 'peer', [40]), f('fast', 'peer', [2.5])]), 400);
    expect(layout.bars.map((b) => [b.id, b.speedup, b.wins])).toEqual([['slow', 4, true], ['fast', 0.25, false]]);
    const [win, loss] = layout.bars;
    expect(win!.x0).toBeCloseTo(layout.one, 9);
    expect(loss!.x1).toBeCloseTo(layout.one, 9);
    expect(win!.x1 - layout.one).toBeCloseTo(layout.one - loss!.x0, 9);
    expect(layout.ticks.map((t) => t.label)).toContain('1×');
  });
  it('speedupLayout of a run without peers has no bars', () => {
    expect(speedupLayout(run('r', '2025-01-01T00:00:00Z', [f('x', 'info', [1])]), 300).bars).toEqual([]);
  });
});

describe('historyLayout', () => {
  it('historyLayout takes the median of one figure per run, oldest first, on a zero-based axis', () => {
    const runs = [run('b', '2025-01-03T00:00:00Z', [f('ours', 'ours', [30, 10, 20])]), run('a', '2025-01-01T00:00:00Z', [f('ours', 'ours', [50])]), run('c', '2025-01-02T00:00:00Z', [f('other', 'ours', [1])])];
    const layout = historyLayout(runs, 'ours', 300, 100)!;
    expect(layout.points.map((p) => [p.runId, p.median])).toEqual([['a', 50], ['b', 20]]);
    expect(layout.points[0]!.x).toBe(0);
    expect(layout.points[1]!.x).toBe(300);
    expect(layout.points[0]!.y).toBeLessThan(layout.points[1]!.y);
    expect(layout.yTicks[0]!.value).toBe(0);
    expect(layout.path.startsWith('M0,')).toBe(true);
    expect(layout.unit).toBe('ms');
  });
  it('historyLayout of a figure no run has is null', () => {
    expect(historyLayout([run('a', '2025-01-01T00:00:00Z', [])], 'ours', 300, 100)).toBeNull();
  });
});
