// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tinyBertRecord } from '../store/test-records';
import { openVectorsDB, VectorStore } from '../store/vector-db';
import type { ChunkRecord } from '../store/collection-record';
import { runEmbedJob, type EmbedRuntime } from './embed-job';
import { nodeEmbedder } from './node-embedder';

const chunks: ChunkRecord[] = Array.from({ length: 23 }, (_, i) => ({ doc: `d${i}`, text: `sentence number ${i} about topic ${i % 4}`, source: 's' }));
let tiny: Awaited<ReturnType<typeof nodeEmbedder>>;
let store: VectorStore;

beforeAll(async () => {
  tiny = await nodeEmbedder();
}, 120_000);
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = new VectorStore(openVectorsDB());
  await store.createCollection({
    record: tinyBertRecord(23, tiny.dim),
    chunks,
  });
});

describe('runEmbedJob', { timeout: 60_000 }, () => {
  it('embeds every chunk with the real tiny-bert and stores unit vectors, reporting progress', async () => {
    const seen: number[] = [];
    const out = await runEmbedJob({ store, runtime: tiny, handle: 'h', collectionId: 'c1', chunks, step: 5, batchSize: 2, onProgress: (p) => seen.push(p.done) });
    expect(out.status).toBe('done');
    expect(out.record.embedded).toBe(23);
    expect(seen.at(-1)).toBe(23);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const { vectors } = await store.loadVectors('c1');
    expect(vectors.length).toBe(23 * tiny.dim);
    for (let i = 0; i < 23; i++) {
      const norm = Math.hypot(...vectors.subarray(i * tiny.dim, (i + 1) * tiny.dim));
      expect(norm).toBeCloseTo(1, 5);
    }
  });

  it('cancel then resume gives exactly the vectors of an uninterrupted run', async () => {
    const ac = new AbortController();
    const first = await runEmbedJob({
      store, runtime: tiny, handle: 'h', collectionId: 'c1', chunks, step: 5, signal: ac.signal,
      onProgress: (p) => {
        if (p.done >= 10) ac.abort();
      },
    });
    expect(first.status).toBe('cancelled');
    expect(first.record.embedded).toBeGreaterThanOrEqual(10);
    expect(first.record.embedded).toBeLessThan(23);
    const resumed = await runEmbedJob({ store, runtime: tiny, handle: 'h', collectionId: 'c1', chunks, step: 5 });
    expect(resumed.status).toBe('done');
    const { vectors } = await store.loadVectors('c1');
    const whole = await tiny.embed('h', chunks.map((c) => c.text), { pooling: 'mean', normalize: true, batchSize: 16 });
    expect(vectors.length).toBe(whole.length);
    for (let i = 0; i < whole.length; i++) expect(vectors[i]).toBeCloseTo(whole[i]!, 5);
  });

  it('a model of another dimension fails the run without storing anything', async () => {
    const wrong: EmbedRuntime = { embed: async (_h, texts) => new Float32Array(texts.length * 3) };
    const out = await runEmbedJob({ store, runtime: wrong, handle: 'h', collectionId: 'c1', chunks });
    expect(out.status).toBe('failed');
    expect(String((out as { error: Error }).error.message)).toMatch(/3-d vectors/);
    expect((await store.getCollection('c1')).embedded).toBe(0);
  });

  it('a runtime cancellation (RuntimeError kind "cancelled") ends the run as cancelled', async () => {
    const cancelling: EmbedRuntime = { embed: async () => Promise.reject(Object.assign(new Error('cancelled'), { kind: 'cancelled' })) };
    expect((await runEmbedJob({ store, runtime: cancelling, handle: 'h', collectionId: 'c1', chunks })).status).toBe('cancelled');
  });
});
