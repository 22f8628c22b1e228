// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../search/rng';
import { normalized } from '../search/vector-set';
import type { ChunkRecord } from '../store/collection-record';
import { testRecord } from '../store/test-records';
import { openVectorsDB, VectorStore } from '../store/vector-db';
import { SearchEngine, type SearchRequest } from './search-engine';

const DIM = 8;
const TEXTS = [
  'Diabetes causes high blood sugar.',
  'Hypertension is high blood pressure.',
  'Asthma narrows the airways.',
  'Insulin lowers blood sugar in diabetes.',
  'Migraine is a severe headache.',
  'The flu is a viral infection.',
];

/** Unit vectors: row i near axis i % DIM, so the nearest row to axis j is known. */
function vectors(n: number, seed = 1): Float32Array {
  const g = gaussian(mulberry32(seed));
  const out = new Float32Array(n * DIM);
  for (let i = 0; i < n; i++) {
    const v = Float32Array.from({ length: DIM }, (_, j) => (j === i % DIM ? 5 + i / n : 0) + 0.1 * g());
    out.set(normalized(v), i * DIM);
  }
  return out;
}

let store: VectorStore;

async function makeCollection(id: string, n: number): Promise<void> {
  const chunks: ChunkRecord[] = Array.from({ length: n }, (_, i) => ({
    doc: `d${i}`,
    text: TEXTS[i % TEXTS.length]! + ` (#${i})`,
    source: i % 2 === 0 ? 'even.txt' : 'odd.txt',
    fields: { topic: i % 3 === 0 ? 'a' : 'b' },
  }));
  await store.createCollection({
    record: testRecord({ id, docCount: n, chunkCount: n, embedded: n, blockSize: 16, model: { ...testRecord().model, dim: DIM }, sources: ['even.txt', 'odd.txt'], fieldNames: ['topic'] }),
    chunks,
    vectors: vectors(n),
  });
}

const request = (over: Partial<SearchRequest>): SearchRequest => ({
  collection: 'c1', text: '', vector: null, k: 3, metric: 'cosine', ef: 32, fusion: { kind: 'rrf', k: 60 }, hybridDense: 'exact', candidates: 20,
  filter: { sources: null, field: null }, ...over,
});

const axis = (j: number) => Float32Array.from({ length: DIM }, (_, i) => (i === j ? 1 : 0));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  store = new VectorStore(openVectorsDB());
});
afterEach(() => store.close());

describe('SearchEngine', { timeout: 60_000 }, () => {
  it('opens a collection: vectors, chunks, field values, no index yet', async () => {
    await makeCollection('c1', 40);
    const engine = new SearchEngine(store, { yieldNow: async () => {} });
    const s = await engine.open('c1');
    expect(s).toMatchObject({ embedded: 40, dim: DIM, hnsw: null, fieldValues: { topic: ['a', 'b'] }, vectorBytes: 40 * DIM * 4 });
  });

  it('searches exact, BM25 and hybrid side by side, with highlighted terms', async () => {
    await makeCollection('c1', 40);
    const engine = new SearchEngine(store, { yieldNow: async () => {} });
    await engine.open('c1');
    const r = engine.search(request({ text: 'blood sugar', vector: axis(3) }));
    expect(r.exact!.rows.map((x) => x.index % DIM)).toEqual([3, 3, 3]);
    expect(r.bm25.matchedTerms).toEqual(['blood', 'sugar']);
    expect(r.bm25.rows.every((x) => /blood sugar/i.test(x.text))).toBe(true);
    const marked = r.bm25.rows[0]!.segments.filter((s) => s.match).map((s) => s.text);
    expect(marked).toEqual(['blood', 'sugar']);
    expect(r.hybrid!.rows[0]!.ranks).toHaveLength(2);
    expect(r.hnsw).toBeNull();
  });

  it('applies source and field filters to every method', async () => {
    await makeCollection('c1', 40);
    const engine = new SearchEngine(store, { yieldNow: async () => {} });
    await engine.open('c1');
    const r = engine.search(request({ text: 'blood', vector: axis(3), k: 5, filter: { sources: ['even.txt'], field: { name: 'topic', value: 'a' } } }));
    for (const rows of [r.exact!.rows, r.bm25.rows, r.hybrid!.rows]) {
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((x) => x.source === 'even.txt' && x.fields.topic === 'a')).toBe(true);
    }
  });

  it('builds, persists and reloads an HNSW index that agrees with exact search', async () => {
    await makeCollection('c1', 300);
    const engine = new SearchEngine(store, { yieldNow: async () => {} });
    await engine.open('c1');
    const progress: number[] = [];
    const s = await engine.buildIndex('c1', { M: 8, efConstruction: 64, metric: 'cosine', seed: 1 }, { progress: (p) => progress.push(p.done) });
    expect(s.hnsw).toEqual({ M: 8, efConstruction: 64, metric: 'cosine', count: 300 });
    expect(progress.at(-1)).toBe(300);
    const again = new SearchEngine(store, { yieldNow: async () => {} });
    expect((await again.open('c1')).hnsw?.count).toBe(300);
    const r = again.search(request({ vector: axis(5), k: 10, ef: 100 }));
    expect(r.hnsw!.rows.map((x) => x.index)).toEqual(r.exact!.rows.map((x) => x.index));
  });

  it('a damaged stored index is reported and not used; the collection still opens', async () => {
    await makeCollection('c1', 50);
    const engine = new SearchEngine(store, { yieldNow: async () => {} });
    await engine.open('c1');
    await engine.buildIndex('c1', { M: 4, efConstruction: 16, metric: 'cosine', seed: 1 });
    const db = await openVectorsDB();
    const rec = (await db.get('indexes', 'c1'))!;
    rec.graph.level0[1] = 9999;
    await db.put('indexes', rec);
    db.close();
    const fresh = new SearchEngine(store, { yieldNow: async () => {} });
    const s = await fresh.open('c1');
    expect(s.hnsw).toBeNull();
    expect(s.indexProblem).toMatch(/out of range/);
  });

  it('evaluates every method against judgments (a query equal to a document row scores nDCG 1 for exact search)', async () => {
    await makeCollection('c1', 40);
    const engine = new SearchEngine(store, { yieldNow: async () => {} });
    await engine.open('c1');
    await engine.buildIndex('c1', { M: 8, efConstruction: 64, metric: 'cosine', seed: 1 });
    const all = vectors(40);
    const queries = [{ id: 'q5', text: 'viral flu infection' }, { id: 'q7', text: 'high blood pressure' }];
    const v = new Float32Array(2 * DIM);
    v.set(all.subarray(5 * DIM, 6 * DIM), 0);
    v.set(all.subarray(7 * DIM, 8 * DIM), DIM);
    const r = await engine.evaluate({ collection: 'c1', queries, vectors: v, qrels: [['q5', 'd5', 1], ['q7', 'd7', 1]], metric: 'cosine', ef: 64, fusion: { kind: 'rrf', k: 60 } });
    expect(r.queries).toBe(2);
    expect(r.methods.exact).toMatchObject({ ndcg10: 1, recall10: 1, mrr10: 1, queries: 2 });
    expect(r.methods.hnsw!.ndcg10).toBe(1);
    expect(r.methods.bm25!.recall100).toBe(1);
    expect(Object.keys(r.methods).sort()).toEqual(['bm25', 'exact', 'hnsw', 'hybrid']);
  });

  it('measures HNSW recall against ef (leave-one-out) and lays the collection out with PCA', async () => {
    await makeCollection('c1', 200);
    const engine = new SearchEngine(store, { yieldNow: async () => {} });
    await engine.open('c1');
    await engine.buildIndex('c1', { M: 4, efConstruction: 16, metric: 'cosine', seed: 1 });
    const sweep = await engine.efSweep({ collection: 'c1', efs: [1, 16, 128], sample: 30, k: 10, seed: 2 });
    expect(sweep.points.map((p) => p.ef)).toEqual([1, 16, 128]);
    expect(sweep.points[2]!.recall).toBeGreaterThanOrEqual(sweep.points[0]!.recall);
    expect(sweep.points[2]!.meanDistances).toBeGreaterThan(sweep.points[0]!.meanDistances);
    const layout = engine.pcaLayout('c1');
    expect(layout.coords.length).toBe(400);
    expect(layout.explained[0]).toBeGreaterThan(0);
    expect(engine.projectQuery('c1', axis(0))).toHaveLength(2);
    const cats = engine.categories('c1', { kind: 'source' });
    expect(cats.labels.sort()).toEqual(['even.txt', 'odd.txt']);
    expect(cats.codes.length).toBe(200);
  });
});
