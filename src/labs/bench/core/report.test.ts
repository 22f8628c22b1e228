import { describe, expect, it } from 'vitest';
import { formatNumber, markdownReport, reportRows, runTime } from './report';
import type { BenchRun, Figure } from './types';

const fig = (over: Partial<Figure> & Pick<Figure, 'id' | 'role' | 'samples'>): Figure => ({
  suite: 'embed',
  label: over.id,
  unit: 'texts/s',
  better: 'higher',
  ...over,
});

const run = (figures: Figure[]): BenchRun => ({
  app: 'llm-learning-lab',
  kind: 'bench-run',
  version: 1,
  id: 'r1',
  mode: 'quick',
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:01:00.000Z',
  origin: 'runner',
  machine: {
    userAgent: 'UA',
    cores: 2,
    crossOriginIsolated: true,
    wasmThreads: 2,
    simd: true,
    webgpu: { available: true, fallbackAdapter: true, adapter: 'google · swiftshader' },
    deviceMemoryGb: null,
  },
  suites: [{ suite: 'embed', figures, skipped: ['mini-bert-zh-en: not built yet'], notes: ['noisy machine'], ms: 41_600 }],
});

describe('reportRows', () => {
  it('reportRows gives each peer the speed-up of ours from the medians', () => {
    const rows = reportRows(
      run([
        fig({ id: 'embed/ours', role: 'ours', compare: 'embed', samples: [100, 90, 110], backend: 'wasm', threads: 2, dtype: 'q8' }),
        fig({ id: 'embed/naive', role: 'peer', compare: 'embed', samples: [20, 25, 30] }),
        fig({ id: 'embed/peak', role: 'info', samples: [5], unit: 'GFLOP/s' }),
      ]),
    );
    expect(rows.map((r) => [r.id, r.median, r.min, r.max, r.speedup, r.versus])).toEqual([
      ['embed/ours', 100, 90, 110, null, null],
      ['embed/naive', 25, 20, 30, 4, 'embed/ours'],
      ['embed/peak', 5, 5, 5, null, null],
    ]);
    expect(rows[0]!.setup).toBe('WASM · 2 thr · q8');
  });

  it('reportRows inverts the ratio for times', () => {
    const rows = reportRows(
      run([
        fig({ id: 'load/ours', role: 'ours', compare: 'load', samples: [200], unit: 'ms', better: 'lower' }),
        fig({ id: 'load/peer', role: 'peer', compare: 'load', samples: [300], unit: 'ms', better: 'lower' }),
      ]),
    );
    expect(rows[1]!.speedup).toBe(1.5);
  });

  it('reportRows refuses two "ours" in one comparison and mixed units', () => {
    expect(() => reportRows(run([fig({ id: 'a', role: 'ours', compare: 'x', samples: [1] }), fig({ id: 'b', role: 'ours', compare: 'x', samples: [1] })]))).toThrow(/two "ours"/);
    expect(() => reportRows(run([fig({ id: 'a', role: 'ours', compare: 'x', samples: [1] }), fig({ id: 'b', role: 'peer', compare: 'x', samples: [1], unit: 'ms' })]))).toThrow(/compared/);
  });

  it('a peer whose median or ours is 0 has no speed-up', () => {
    const rows = reportRows(run([fig({ id: 'o', role: 'ours', compare: 'm', samples: [0.3] }), fig({ id: 'p', role: 'peer', compare: 'm', samples: [0] })]));
    expect(rows[1]!.speedup).toBeNull();
  });

  it('a peer without its "ours" has no speed-up', () => {
    expect(reportRows(run([fig({ id: 'p', role: 'peer', compare: 'gone', samples: [1] })]))[0]!.speedup).toBeNull();
  });
});

describe('formatNumber', () => {
  it('formatNumber keeps about three significant digits', () => {
    expect([formatNumber(12345.6), formatNumber(123.4), formatNumber(12.34), formatNumber(1.234), formatNumber(0.01234), formatNumber(0)]).toEqual([
      '12,346', '123', '12.3', '1.23', '0.0123', '0',
    ]);
  });
});

describe('runTime', () => {
  it("runTime(run) gives the run's seconds and each suite's, rounded", () => {
    expect(runTime(run([]))).toBe('60 s in all — embed 42 s');
    expect(runTime({ startedAt: '2025-01-01T00:00:00.000Z', finishedAt: '2025-01-01T00:00:09.400Z', suites: [] })).toBe('9 s in all');
    expect(runTime({ startedAt: 'never', finishedAt: '2025-01-01T00:00:09.400Z', suites: [] })).toBe('? s in all');
  });
});

describe('markdownReport', () => {
  it('markdownReport has the machine, one row per figure, the skipped parts and the notes', () => {
    const md = markdownReport(
      run([
        fig({ id: 'embed/ours', label: 'batched | worker', role: 'ours', compare: 'e', samples: [100] }),
        fig({ id: 'embed/naive', label: 'pipeline', role: 'peer', compare: 'e', samples: [50], note: 'one text per call' }),
      ]),
    );
    expect(md).toContain('2 logical cores');
    expect(md).toContain('Run time: 60 s in all — embed 42 s.');
    expect(md).toContain('google · swiftshader (software fallback adapter)');
    expect(md).toContain('| embed | **batched \\| worker** (ours) |  | 100 | 100 | 100 | texts/s | 1 |  |');
    expect(md).toContain('| embed | pipeline (peer) — one text per call |  | 50.0 | 50.0 | 50.0 | texts/s | 1 | 2.00× |');
    expect(md).toContain('- embed: mini-bert-zh-en: not built yet');
    expect(md).toContain('- embed: noisy machine');
  });
});
