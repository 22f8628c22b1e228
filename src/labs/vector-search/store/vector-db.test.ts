// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HnswIndex } from '../search/hnsw';
import { vectorSet } from '../search/vector-set';
import { testChunks, testRecord, testVectors } from './test-records';
import { openVectorsDB, VectorStore, VectorStoreError, type VectorsDB } from './vector-db';

let db: Promise<VectorsDB>;
let store: VectorStore;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  db = openVectorsDB();
  store = new VectorStore(db, () => 5000);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

async function failure(p: Promise<unknown>): Promise<VectorStoreError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(VectorStoreError);
  return e as VectorStoreError;
}

describe('VectorStore persistence round trip', () => {
  it('creates a collection, appends vectors in batches, and loads them back contiguous', async () => {
    await store.createCollection({ record: testRecord(), chunks: testChunks(10) });
    await store.appendVectors('c1', 0, testVectors(0, 3));
    await store.appendVectors('c1', 3, testVectors(3, 4)); // crosses the block boundary at 4
    const after = await store.appendVectors('c1', 7, testVectors(7, 3));
    expect(after.embedded).toBe(10);
    const { record, vectors } = await store.loadVectors('c1');
    expect(record.embedded).toBe(10);
    expect(Array.from(vectors)).toEqual(Array.from(testVectors(0, 10)));
    expect((await store.loadChunks('c1')).map((c) => c.doc)).toEqual(testChunks(10).map((c) => c.doc));
  });

  it('loads only the embedded prefix of a partly embedded collection (resume point)', async () => {
    await store.createCollection({ record: testRecord(), chunks: testChunks(10) });
    await store.appendVectors('c1', 0, testVectors(0, 6));
    const { record, vectors } = await store.loadVectors('c1');
    expect(record.embedded).toBe(6);
    expect(Array.from(vectors)).toEqual(Array.from(testVectors(0, 6)));
  });

  it('refuses a batch that does not start at the marker (a stale or duplicate job)', async () => {
    await store.createCollection({ record: testRecord(), chunks: testChunks(10) });
    await store.appendVectors('c1', 0, testVectors(0, 2));
    expect((await failure(store.appendVectors('c1', 0, testVectors(0, 2)))).code).toBe('conflict');
    expect((await failure(store.appendVectors('c1', 2, testVectors(2, 9)))).code).toBe('conflict');
  });

  it('stores vectors given at creation (an import)', async () => {
    await store.createCollection({ record: testRecord({ embedded: 10 }), chunks: testChunks(10), vectors: testVectors(0, 10) });
    expect(Array.from((await store.loadVectors('c1')).vectors)).toEqual(Array.from(testVectors(0, 10)));
  });

  it('persists an HNSW graph with its parameters on the record', async () => {
    await store.createCollection({ record: testRecord({ embedded: 10 }), chunks: testChunks(10), vectors: testVectors(0, 10) });
    const set = vectorSet(testVectors(0, 10), 4);
    const index = new HnswIndex(set, { M: 4, efConstruction: 8, metric: 'l2', seed: 1 });
    index.addUpTo(10);
    const rec = await store.putIndex('c1', index.toGraph(), 12);
    expect(rec.index).toEqual({ params: { M: 4, efConstruction: 8, metric: 'l2', seed: 1 }, count: 10, buildMs: 12, builtAt: 5000 });
    const graph = await store.loadIndex('c1');
    expect(HnswIndex.fromGraph(graph!, set).search(set.data.subarray(0, 4), 3, 10).hits).toEqual(index.search(set.data.subarray(0, 4), 3, 10).hits);
  });

  it('keeps judgments and flags the record', async () => {
    const judgments = { queries: [{ id: 'q', text: 'chunk 3' }], qrels: [['q', 'd3', 1]] as [string, string, number][] };
    await store.createCollection({ record: testRecord(), chunks: testChunks(10), judgments });
    expect((await store.getCollection('c1')).hasJudgments).toBe(true);
    expect(await store.getJudgments('c1')).toEqual(judgments);
  });

  it('renames, and deletes everything of a collection in one go', async () => {
    await store.createCollection({ record: testRecord({ embedded: 10 }), chunks: testChunks(10), vectors: testVectors(0, 10) });
    await store.createCollection({ record: testRecord({ id: 'c2' }), chunks: testChunks(10) });
    expect((await store.rename('c1', '  New name ')).name).toBe('New name');
    await store.deleteCollection('c1');
    expect((await store.listCollections()).collections.map((c) => c.id)).toEqual(['c2']);
    const raw = await db;
    expect(await raw.count('vectors')).toBe(0);
    expect(await raw.count('chunks')).toBe(3);
    expect((await failure(store.getCollection('c1'))).code).toBe('not-found');
  });
});

describe('VectorStore faults', () => {
  it('without IndexedDB (some private modes) the store fails each call, never the page, and closes cleanly', async () => {
    const saved = globalThis.indexedDB;
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    let missing: VectorStore;
    try {
      missing = new VectorStore();
    } finally {
      globalThis.indexedDB = saved;
    }
    await expect(missing.listCollections()).rejects.toThrow();
    await expect(missing.close()).resolves.toBeUndefined();
  });

  it('a damaged collection record is reported; the others still load', async () => {
    await store.createCollection({ record: testRecord(), chunks: testChunks(10) });
    await store.createCollection({ record: testRecord({ id: 'c2', name: 'Second' }), chunks: testChunks(10) });
    await (await db).put('collections', { ...testRecord({ id: 'c3' }), embedded: 'lots' } as never);
    await (await db).put('collections', { id: 'c4', garbage: true } as never);
    const { collections, damaged } = await store.listCollections();
    expect(collections.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(damaged.map((d) => d.key).sort()).toEqual(['c3', 'c4']);
    expect(damaged.find((d) => d.key === 'c3')!.problem).toMatch(/embedded/);
    await store.deleteCollection('c3');
    expect((await store.listCollections()).damaged.map((d) => d.key)).toEqual(['c4']);
  });

  it('a damaged vector block is detected on load', async () => {
    await store.createCollection({ record: testRecord({ embedded: 10 }), chunks: testChunks(10), vectors: testVectors(0, 10) });
    await (await db).put('vectors', { collection: 'c1', block: 1, count: 4, data: new ArrayBuffer(10) });
    const e = await failure(store.loadVectors('c1'));
    expect(e.code).toBe('damaged');
    expect(e.message).toMatch(/block 1/);
  });

  it('storage quota exceeded mid-embedding: the batch is rejected whole, what is stored stays consistent and resumable', async () => {
    await store.createCollection({ record: testRecord(), chunks: testChunks(10) });
    await store.appendVectors('c1', 0, testVectors(0, 3));
    const realPut = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'vectors' && (value as { block: number }).block >= 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.call(this, value, key);
    });
    const e = await failure(store.appendVectors('c1', 3, testVectors(3, 4)));
    expect(e.code).toBe('quota');
    spy.mockRestore();
    const { record, vectors } = await store.loadVectors('c1');
    expect(record.embedded).toBe(3);
    expect(Array.from(vectors)).toEqual(Array.from(testVectors(0, 3)));
    await store.appendVectors('c1', 3, testVectors(3, 7));
    expect(Array.from((await store.loadVectors('c1')).vectors)).toEqual(Array.from(testVectors(0, 10)));
  });

  it('createCollection refuses mismatched chunk counts and existing ids, writing nothing', async () => {
    expect((await failure(store.createCollection({ record: testRecord(), chunks: testChunks(3) }))).code).toBe('conflict');
    await store.createCollection({ record: testRecord(), chunks: testChunks(10) });
    expect((await failure(store.createCollection({ record: testRecord({ name: 'again' }), chunks: testChunks(10) }))).code).toBe('conflict');
    expect((await store.getCollection('c1')).name).toBe('Test collection');
  });
});
