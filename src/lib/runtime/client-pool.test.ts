import { describe, expect, it } from 'vitest';
import { RuntimeClient } from './client.svelte';
import { EmbedPool, type PoolMember } from './embed-pool';
import { RuntimeError } from './errors';
import { FakeWorker, info } from './test-support/fake-worker';
import type { EmbedOptions, LoadOptions, ModelInfo, ModelRef } from './types';

/** A replica that embeds each text as [length] and can be held mid-batch. */
class Replica implements PoolMember {
  loads: { ref: ModelRef; opts: LoadOptions }[] = [];
  embedded: string[][] = [];
  unloaded: string[] = [];
  constructor(public hold = false) {}
  signal: AbortSignal | undefined;
  async load(ref: ModelRef, opts: LoadOptions = {}): Promise<ModelInfo> {
    this.loads.push({ ref, opts });
    return { ...info('r'), ref };
  }
  async embed(_handle: string, texts: string[], opts: EmbedOptions = {}): Promise<Float32Array> {
    this.embedded.push(texts);
    this.signal = opts.signal;
    if (this.hold) await new Promise((r) => opts.signal?.addEventListener('abort', r));
    if (opts.signal?.aborted) throw new RuntimeError('cancelled');
    return Float32Array.from(texts, (t) => t.length);
  }
  async unload(handle: string): Promise<void> {
    this.unloaded.push(handle);
  }
}

function setup(backend: 'wasm' | 'webgpu' = 'wasm', hold = false) {
  const workers: FakeWorker[] = [];
  const replicas: Replica[] = [];
  const log: string[] = [];
  const client = new RuntimeClient({
    createWorker: () => workers[workers.push(new FakeWorker()) - 1]!,
    storage: null,
    debug: true,
    embedPool: new EmbedPool(2, () => replicas[replicas.push(new Replica(hold)) - 1]!),
    holdReload: () => {
      log.push('hold');
      return () => log.push('release');
    },
  });
  const w = () => workers.at(-1)!;
  const load = async (opts: LoadOptions = {}) => {
    const p = client.load({ source: 'shipped', id: 'tiny-bert' }, opts);
    w().emit({ type: 'ready' });
    w().emit({ type: 'result', id: w().last('load').id, result: { ...info('m1'), backend } });
    return p;
  };
  return { client, workers, replicas, w, load, log };
}

const texts = Array.from({ length: 40 }, (_, i) => 'x'.repeat(1 + (i % 9)));

describe('RuntimeClient with an embed pool', () => {
  it('a long list on a WebAssembly model runs on the replicas, with the main model’s file, in input order', async () => {
    const s = setup();
    const { handle } = await s.load({ modelFile: 'model' });
    const progress: number[] = [];
    const out = await s.client.embed(handle, texts, { batchSize: 8 }, (p) => progress.push(p.done));
    expect(Array.from(out)).toEqual(texts.map((t) => t.length));
    expect(s.w().sent.filter((m) => m.type === 'embed')).toHaveLength(0);
    expect(s.replicas).toHaveLength(2);
    for (const r of s.replicas) {
      expect(r.loads[0]).toMatchObject({ ref: { source: 'shipped', id: 'tiny-bert' }, opts: { backend: 'wasm', dtype: 'q8', modelFile: 'model' } });
      expect(r.embedded.length).toBeGreaterThan(0);
    }
    expect(progress.at(-1)).toBe(40);
    expect(s.log).toEqual(['hold', 'release', 'hold', 'release']);
  });

  it('one batch or less, parallel: false, and WebGPU models stay in the main worker', async () => {
    for (const [backend, n, opts] of [['wasm', 8, { batchSize: 8 }], ['wasm', 40, { batchSize: 8, parallel: false }], ['webgpu', 40, { batchSize: 8 }]] as const) {
      const s = setup(backend);
      const { handle } = await s.load();
      const p = s.client.embed(handle, texts.slice(0, n), opts);
      const msg = s.w().last('embed');
      expect(msg.texts).toHaveLength(n);
      expect(msg.opts).not.toHaveProperty('parallel');
      s.w().emit({ type: 'result', id: msg.id, result: new Float32Array(n) });
      await p;
      expect(s.replicas).toHaveLength(0);
    }
  });

  it('a stale handle is refused before the replicas are asked', async () => {
    const s = setup();
    const { handle } = await s.load();
    s.w().onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(s.client.embed(handle, texts, { batchSize: 8 })).rejects.toMatchObject({ code: 'stale-handle' });
    expect(s.replicas).toHaveLength(0);
  });

  it('cancel: rejects cancelled and the replicas stop', async () => {
    const s = setup('wasm', true);
    const { handle } = await s.load();
    const ac = new AbortController();
    const p = s.client.embed(handle, texts, { batchSize: 8, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.replicas.map((r) => r.embedded.length)).toEqual([1, 1]);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(s.replicas.every((r) => r.signal?.aborted)).toBe(true);
  });

  it('a crash of the main worker ends a pooled job with worker-crashed (the job belongs to the runtime that crashed)', async () => {
    const s = setup('wasm', true);
    const { handle } = await s.load();
    const p = s.client.embed(handle, texts, { batchSize: 8 });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.replicas.map((r) => r.embedded.length)).toEqual([1, 1]);
    s.w().emit({ type: 'fatal', error: { code: 'internal', params: { detail: 'memory access out of bounds' } } });
    const err = await p.catch((e) => e);
    expect([err.kind, s.client.status.restarts]).toEqual(['worker-crashed', 1]);
    expect(s.replicas.every((r) => r.signal?.aborted)).toBe(true);
  });

  it('unload releases the model in the replicas too', async () => {
    const s = setup();
    const { handle } = await s.load();
    await s.client.embed(handle, texts, { batchSize: 8 });
    const p = s.client.unload(handle);
    await new Promise((r) => setTimeout(r, 0));
    s.w().emit({ type: 'result', id: s.w().last('unload').id, result: null });
    await p;
    expect(s.replicas.map((r) => r.unloaded)).toEqual([['r'], ['r']]);
  });
});
