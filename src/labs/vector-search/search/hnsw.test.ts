// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exactSearch } from './exact-search';
import { HnswIndex } from './hnsw';
import { checkGraph, type HnswParams } from './hnsw-graph';
import { gaussian, mulberry32 } from './rng';
import { DotScanner } from './simd-dot';
import { vectorSet, type Metric, type VectorSet } from './vector-set';

function randomSet(n: number, dim: number, seed: number): VectorSet {
  const g = gaussian(mulberry32(seed));
  return vectorSet(Float32Array.from({ length: n * dim }, g), dim);
}

function recallAt10(index: HnswIndex, set: VectorSet, queries: VectorSet, metric: Metric, ef: number): number {
  let found = 0;
  for (let q = 0; q < queries.count; q++) {
    const query = queries.data.subarray(q * queries.dim, (q + 1) * queries.dim);
    const truth = new Set(exactSearch(set, query, 10, metric).map((h) => h.index));
    found += index.search(query, 10, ef).hits.filter((h) => truth.has(h.index)).length;
  }
  return found / (10 * queries.count);
}

const params = (metric: Metric): HnswParams => ({ M: 12, efConstruction: 100, metric, seed: 5 });

describe('HnswIndex', { timeout: 60_000 }, () => {
  for (const metric of ['cosine', 'l2', 'dot'] as const) {
    it(`reaches recall@10 ≥ 0.95 against exact search on random data (${metric}, ef = 100)`, () => {
      const set = randomSet(2000, 16, 11);
      const index = new HnswIndex(set, params(metric));
      index.addUpTo(set.count);
      const recall = recallAt10(index, set, randomSet(50, 16, 12), metric, 100);
      expect(recall).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('the WebAssembly SIMD path finds what the JavaScript path finds (dim 32, every metric)', () => {
    const set = randomSet(1500, 32, 13);
    const queries = randomSet(30, 32, 14);
    for (const metric of ['cosine', 'l2', 'dot'] as const) {
      const simd = new HnswIndex(set, params(metric));
      const js = new HnswIndex(set, params(metric), { simd: false });
      expect(simd.simd).toBe(true);
      expect(js.simd).toBe(false);
      simd.addUpTo(set.count);
      js.addUpTo(set.count);
      const rs = recallAt10(simd, set, queries, metric, 120);
      const rj = recallAt10(js, set, queries, metric, 120);
      expect(rs).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(rs - rj)).toBeLessThanOrEqual(0.05);
      const q = queries.data.subarray(0, 32);
      const exact = new Map(exactSearch(set, q, set.count, metric).map((h) => [h.index, h.score]));
      for (const h of simd.search(q, 5, 80).hits) expect(h.score).toBeCloseTo(exact.get(h.index)!, 3);
    }
  });

  it('uses the scanner that already holds the collection instead of copying it', () => {
    const src = randomSet(300, 16, 15);
    const scanner = DotScanner.create(300, 16)!;
    scanner.vectors.set(src.data);
    const set = vectorSet(scanner.vectors, 16);
    const index = new HnswIndex(set, params('cosine'));
    index.addUpTo(set.count);
    expect(index.simd).toBe(true);
    // the graph searches the scanner's memory: changing a row there moves its score
    const q = set.data.slice(0, 16);
    const before = index.search(q, 1, 50).hits[0]!;
    expect(before.index).toBe(0);
    scanner.vectors.fill(0, 0, 16);
    expect(index.search(q, 1, 50).hits[0]!.index).not.toBe(0);
  });

  it('recall grows with ef while distance evaluations grow too', () => {
    const set = randomSet(3000, 24, 21);
    const index = new HnswIndex(set, { M: 8, efConstruction: 60, metric: 'cosine', seed: 3 });
    index.addUpTo(set.count);
    const queries = randomSet(40, 24, 22);
    const low = recallAt10(index, set, queries, 'cosine', 10);
    const high = recallAt10(index, set, queries, 'cosine', 200);
    expect(high).toBeGreaterThan(low);
    const q = queries.data.subarray(0, 24);
    expect(index.search(q, 10, 200).distanceCount).toBeGreaterThan(index.search(q, 10, 10).distanceCount);
  });

  it('scores like exact search (the found neighbours carry their exact scores)', () => {
    const set = randomSet(500, 8, 31);
    const index = new HnswIndex(set, params('cosine'));
    index.addUpTo(set.count);
    const q = randomSet(1, 8, 32).data;
    const exact = new Map(exactSearch(set, q, 500, 'cosine').map((h) => [h.index, h.score]));
    for (const h of index.search(q, 5, 50).hits) expect(h.score).toBeCloseTo(exact.get(h.index)!, 5);
  });

  it('is deterministic: the same seed and data give the same graph', () => {
    const set = randomSet(600, 8, 41);
    const a = new HnswIndex(set, params('l2'));
    const b = new HnswIndex(set, params('l2'));
    a.addUpTo(600);
    b.addUpTo(600);
    expect(a.toGraph()).toEqual(b.toGraph());
  });

  it('extending a persisted index gives the same graph as building at once', () => {
    const set = randomSet(800, 8, 51);
    const whole = new HnswIndex(set, params('cosine'));
    whole.addUpTo(800);
    const half = new HnswIndex(vectorSet(set.data.slice(0, 400 * 8), 8), params('cosine'));
    half.addUpTo(400);
    const resumed = HnswIndex.fromGraph(half.toGraph(), set);
    resumed.addUpTo(800);
    expect(resumed.toGraph()).toEqual(whole.toGraph());
  });

  it('a graph round trip (toGraph → fromGraph) answers identically', () => {
    const set = randomSet(700, 12, 61);
    const index = new HnswIndex(set, params('cosine'));
    index.addUpTo(700);
    const copy = HnswIndex.fromGraph(structuredClone(index.toGraph()), set);
    const q = randomSet(1, 12, 62).data;
    expect(copy.search(q, 10, 40).hits).toEqual(index.search(q, 10, 40).hits);
  });

  it('with a filter returns only allowed rows, matching exact search on an easy case', () => {
    const set = randomSet(1000, 8, 71);
    const index = new HnswIndex(set, params('cosine'));
    index.addUpTo(1000);
    const allow = Uint8Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const q = randomSet(1, 8, 72).data;
    const hits = index.search(q, 10, 200, allow).hits;
    expect(hits.every((h) => h.index % 2 === 0)).toBe(true);
    expect(hits.map((h) => h.index)).toEqual(exactSearch(set, q, 10, 'cosine', { allow }).map((h) => h.index));
  });

  it('handles tiny collections: empty, one row, fewer rows than k', () => {
    const empty = new HnswIndex(vectorSet(new Float32Array(0), 4), params('cosine'));
    expect(empty.search(Float32Array.from([1, 0, 0, 0]), 3, 10).hits).toEqual([]);
    const set = randomSet(3, 4, 81);
    const index = new HnswIndex(set, params('cosine'));
    index.addUpTo(3);
    expect(index.search(set.data.subarray(0, 4), 10, 10).hits.map((h) => h.index).sort()).toEqual([0, 1, 2]);
  });

  it('checkGraph rejects damaged graphs', () => {
    const set = randomSet(200, 4, 91);
    const index = new HnswIndex(set, params('cosine'));
    index.addUpTo(200);
    const g = index.toGraph();
    const outOfRange = structuredClone(g);
    outOfRange.level0[1] = 999;
    expect(() => checkGraph(outOfRange, set)).toThrow(/out of range/);
    const tooMany = structuredClone(g);
    tooMany.level0[0] = 100;
    expect(() => checkGraph(tooMany, set)).toThrow(/neighbours/);
    expect(() => checkGraph({ ...g, dim: 5 }, set)).toThrow(/dimensions/);
    expect(() => checkGraph({ ...g, levels: g.levels.slice(1) }, set)).toThrow(/levels/);
  });

  it('rejects parameters out of range', () => {
    const set = randomSet(10, 4, 1);
    expect(() => new HnswIndex(set, { ...params('cosine'), M: 1 })).toThrow(/M must/);
    expect(() => new HnswIndex(set, { ...params('cosine'), efConstruction: 4 })).toThrow(/efConstruction/);
  });
});
