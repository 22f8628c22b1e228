import { describe, expect, it } from 'vitest';
import type { BenchRun } from './core/types';
import { MAX_RUNS, openBenchHistory } from './history-db';

const run = (id: string, startedAt: string, samples = [1, 2, 3]): BenchRun => ({
  app: 'llm-learning-lab',
  kind: 'bench-run',
  version: 1,
  id,
  mode: 'quick',
  startedAt,
  finishedAt: startedAt,
  origin: 'page',
  machine: { userAgent: 'UA', cores: 2, crossOriginIsolated: true, wasmThreads: 2, simd: true, webgpu: { available: false, fallbackAdapter: false, adapter: '' }, deviceMemoryGb: 8 },
  suites: [{ suite: 'vectors', figures: [{ id: 'vectors/exact', suite: 'vectors', label: 'exact', unit: 'QPS', better: 'higher', role: 'ours', samples }], skipped: [], notes: [], ms: 5 }],
});

describe('openBenchHistory', () => {
  it('saves runs and lists them oldest first, across connections', async () => {
    const h = await openBenchHistory('bench-a');
    await h.save(run('b', '2025-01-02T00:00:00Z'));
    await h.save(run('a', '2025-01-01T00:00:00Z'));
    h.close();
    const again = await openBenchHistory('bench-a');
    const { runs, damaged } = await again.list();
    expect(runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(runs[0]!.suites[0]!.figures[0]!.samples).toEqual([1, 2, 3]);
    expect(damaged).toBe(0);
  });

  it('refuses to save a damaged run and skips damaged records on read', async () => {
    const h = await openBenchHistory('bench-b');
    await expect(h.save(run('x', '2025-01-01T00:00:00Z', []))).rejects.toThrow(/samples/);
    await h.save(run('ok', '2025-01-01T00:00:00Z'));
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('bench-b', 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('runs', 'readwrite');
        tx.objectStore('runs').put({ id: 'bad', startedAt: '2025-01-03', app: 'other' });
        tx.oncomplete = () => (req.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    const { runs, damaged } = await h.list();
    expect(runs.map((r) => r.id)).toEqual(['ok']);
    expect(damaged).toBe(1);
  });

  it('removes one run, clears all, and keeps at most MAX_RUNS', async () => {
    const h = await openBenchHistory('bench-c');
    for (let i = 0; i < MAX_RUNS + 3; i++) await h.save(run(`r${i}`, new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString()));
    let { runs } = await h.list();
    expect(runs.length).toBe(MAX_RUNS);
    expect(runs[0]!.id).toBe('r3');
    await h.remove('r3');
    ({ runs } = await h.list());
    expect(runs[0]!.id).toBe('r4');
    await h.clear();
    expect((await h.list()).runs).toEqual([]);
  });
});
