import { describe, expect, it } from 'vitest';
import { EmbedPool, replicaCount, type PoolMember } from './embed-pool';
import { RuntimeError } from './errors';
import type { EmbedOptions, LoadOptions, ModelInfo, ModelRef, Progress } from './types';

const REF: ModelRef = { source: 'shipped', id: 'tiny-embed' };

/** 3-d "vectors" that name their text: [text length, first char code, member index]. */
class FakeMember implements PoolMember {
  loads: LoadOptions[] = [];
  batches: string[][] = [];
  unloaded: string[] = [];
  signals: AbortSignal[] = [];
  /** Resolves a held batch (when `hold` is set). */
  release: (() => void) | null = null;
  constructor(
    readonly index: number,
    readonly opts: { hold?: boolean; failOnBatch?: number; width?: number } = {},
  ) {}
  async load(ref: ModelRef, opts: LoadOptions = {}): Promise<ModelInfo> {
    this.loads.push(opts);
    return { handle: `h${this.index}`, ref, backend: 'wasm', dtype: 'q8', threads: 1 } as ModelInfo;
  }
  async embed(handle: string, texts: string[], opts: EmbedOptions = {}): Promise<Float32Array> {
    expect(handle).toBe(`h${this.index}`);
    this.batches.push(texts);
    this.signals.push(opts.signal!);
    if (this.opts.failOnBatch === this.batches.length) throw new RuntimeError('worker-crashed', { detail: 'replica died' });
    if (this.opts.hold) await new Promise<void>((r) => (this.release = r));
    await new Promise((r) => setTimeout(r, 1 + this.index));
    if (opts.signal?.aborted) throw new RuntimeError('cancelled');
    const w = this.opts.width ?? 3;
    const out = new Float32Array(texts.length * w);
    texts.forEach((t, k) => out.set([t.length, t.charCodeAt(0), this.index].slice(0, w), k * w));
    return out;
  }
  async unload(handle: string): Promise<void> {
    this.unloaded.push(handle);
  }
}

const texts = Array.from({ length: 50 }, (_, i) => String.fromCharCode(65 + (i % 26)) + 'x'.repeat((i * 7) % 23));

describe('EmbedPool', () => {
  it('replicaCount: one per core up to 4, none on one core', () => {
    expect(replicaCount(1)).toBe(0);
    expect(replicaCount(undefined)).toBe(0);
    expect(replicaCount(2)).toBe(2);
    expect(replicaCount(3)).toBe(3);
    expect(replicaCount(16)).toBe(4);
  });

  it('spreads batches over every replica and returns the rows in input order', async () => {
    const members: FakeMember[] = [];
    const pool = new EmbedPool(2, (i) => members[members.push(new FakeMember(i)) - 1]!);
    const progress: Progress[] = [];
    const out = await pool.embed({ ref: REF, dtype: 'q8' }, texts, { batchSize: 8, signal: new AbortController().signal, onProgress: (p) => progress.push(p), now: () => 0 });
    expect(out).toHaveLength(texts.length * 3);
    for (let i = 0; i < texts.length; i++) {
      expect(out[i * 3]).toBe(texts[i]!.length);
      expect(out[i * 3 + 1]).toBe(texts[i]!.charCodeAt(0));
    }
    expect(members).toHaveLength(2);
    for (const m of members) {
      expect(m.batches.length).toBeGreaterThan(0);
      expect(m.loads[0]).toMatchObject({ backend: 'wasm', dtype: 'q8' });
    }
    // each text once, in batches of at most 8, each batch sorted longest first (similar lengths share a batch)
    const all = members.flatMap((m) => m.batches);
    expect(all.flat().sort()).toEqual([...texts].sort());
    expect(Math.max(...all.map((b) => b.length))).toBe(8);
    for (const b of all) expect(b.map((t) => t.length)).toEqual([...b.map((t) => t.length)].sort((x, y) => y - x));
    expect(progress.at(-1)).toMatchObject({ done: 50, total: 50, stage: 'embed' });
    // rows were computed by both replicas (third value is the member index)
    const by = new Set(Array.from({ length: texts.length }, (_, i) => out[i * 3 + 2]));
    expect(by).toEqual(new Set([0, 1]));
  });

  it('an abort rejects with cancelled and reaches the replicas', async () => {
    const members: FakeMember[] = [];
    const pool = new EmbedPool(2, (i) => members[members.push(new FakeMember(i, { hold: true })) - 1]!);
    const ac = new AbortController();
    const p = pool.embed({ ref: REF, dtype: 'q8' }, texts, { batchSize: 8, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 5));
    expect(members.every((m) => m.batches.length === 1)).toBe(true);
    ac.abort();
    for (const m of members) m.release?.();
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(members.every((m) => m.signals[0]!.aborted)).toBe(true);
    expect(members.every((m) => m.batches.length === 1)).toBe(true);
  });

  it('a replica that fails ends the job with its error and stops the others', async () => {
    const members: FakeMember[] = [];
    const pool = new EmbedPool(2, (i) => members[members.push(new FakeMember(i, i === 1 ? { failOnBatch: 2 } : {})) - 1]!);
    await expect(pool.embed({ ref: REF, dtype: 'q8' }, texts, { batchSize: 4, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'worker-crashed' });
    expect(members[0]!.signals.at(-1)!.aborted).toBe(true);
    expect(members[0]!.batches.length + members[1]!.batches.length).toBeLessThan(Math.ceil(texts.length / 4));
  });

  it('replicas that disagree on the width are an error, not a garbled matrix', async () => {
    const pool = new EmbedPool(2, (i) => new FakeMember(i, { width: i === 0 ? 3 : 2 }));
    await expect(pool.embed({ ref: REF, dtype: 'q8' }, texts, { batchSize: 4, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('release unloads a model only where a pooled job loaded it', async () => {
    const members: FakeMember[] = [];
    const pool = new EmbedPool(3, (i) => members[members.push(new FakeMember(i)) - 1]!);
    await pool.release({ ref: REF, dtype: 'q8' });
    expect(members).toHaveLength(0);
    await pool.embed({ ref: REF, dtype: 'q8' }, texts.slice(0, 5), { batchSize: 2, signal: new AbortController().signal });
    await pool.release({ ref: { source: 'shipped', id: 'other' }, dtype: 'q8' });
    expect(members.every((m) => m.unloaded.length === 0)).toBe(true);
    await pool.release({ ref: REF, dtype: 'q8' });
    expect(members.map((m) => m.unloaded)).toEqual([['h0'], ['h1'], ['h2']]);
    await pool.release({ ref: REF, dtype: 'q8' });
    expect(members.map((m) => m.unloaded.length)).toEqual([1, 1, 1]);
  });

  it('no texts: an empty result; a bad batch size or an aborted signal: refused before any work', async () => {
    const members: FakeMember[] = [];
    const pool = new EmbedPool(2, (i) => members[members.push(new FakeMember(i)) - 1]!);
    expect(await pool.embed({ ref: REF, dtype: 'q8' }, [], { signal: new AbortController().signal })).toHaveLength(0);
    await expect(pool.embed({ ref: REF, dtype: 'q8' }, texts, { batchSize: 0, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'bad-input' });
    const ac = new AbortController();
    ac.abort();
    await expect(pool.embed({ ref: REF, dtype: 'q8' }, texts, { signal: ac.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(members.flatMap((m) => m.batches)).toHaveLength(0);
  });
});
