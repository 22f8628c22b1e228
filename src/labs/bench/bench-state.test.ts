import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { BenchState, type BenchStateDeps } from './bench-state.svelte';
import type { BenchRun } from './core/types';
import type { BenchHistory } from './history-db';

const runOf = (id: string): BenchRun => ({
  app: 'llm-learning-lab', kind: 'bench-run', version: 1, id, mode: 'quick', startedAt: id, finishedAt: id, origin: 'page',
  machine: { userAgent: '', cores: 2, crossOriginIsolated: true, wasmThreads: 2, simd: true, webgpu: { available: false, fallbackAdapter: false, adapter: '' }, deviceMemoryGb: null },
  suites: [],
});

function memoryHistory(): BenchHistory & { saved: BenchRun[] } {
  const saved: BenchRun[] = [];
  return {
    saved,
    save: async (r) => void saved.push(r),
    list: async () => ({ runs: [...saved], damaged: 0 }),
    remove: async (id) => void saved.splice(saved.findIndex((r) => r.id === id), 1),
    clear: async () => void saved.splice(0),
    close: () => undefined,
  };
}

describe('BenchState', () => {
  it('runs the selected suites in catalogue order and keeps the run in the history', async () => {
    const history = memoryHistory();
    const runSuites = vi.fn<BenchStateDeps['runSuites']>(async (ids) => runOf(`r-${ids.join('+')}`));
    const bench = new BenchState({ runSuites, openHistory: async () => history, suiteIds: ['load', 'embed', 'vectors'] });
    bench.toggle('embed');
    bench.toggle('embed');
    bench.toggle('load');
    expect(bench.selected).toEqual(['embed', 'vectors']);
    await bench.run();
    flushSync();
    expect(runSuites.mock.calls[0]![1]).toMatchObject({ quick: true, origin: 'page' });
    expect(bench.current?.id).toBe('r-embed+vectors');
    expect(bench.history.map((r) => r.id)).toEqual(['r-embed+vectors']);
    await bench.remove('r-embed+vectors');
    expect(history.saved).toEqual([]);
    expect(bench.current).toBeNull();
  });

  it('cancel stops a run without an error; a failing run shows its error', async () => {
    const bench = new BenchState({
      runSuites: (_ids, opts) => new Promise((_, reject) => opts.signal!.addEventListener('abort', () => reject(new Error('cancelled')))),
      openHistory: async () => memoryHistory(),
      suiteIds: ['idb'],
    });
    const p = bench.run();
    expect(bench.running).toBe(true);
    bench.cancel();
    await p;
    expect(bench.running).toBe(false);
    expect(bench.error).toBeNull();

    const failing = new BenchState({ runSuites: async () => Promise.reject(new Error('boom')), openHistory: async () => memoryHistory(), suiteIds: ['idb'] });
    await failing.run();
    expect(failing.error).toBe('boom');
  });

  it('without IndexedDB the run is shown and listed but not kept', async () => {
    const bench = new BenchState({ runSuites: async () => runOf('r1'), openHistory: () => Promise.reject(new Error('no idb')), suiteIds: ['idb'] });
    await bench.run();
    expect(bench.persistent).toBe(false);
    expect(bench.history.map((r) => r.id)).toEqual(['r1']);
  });
});
