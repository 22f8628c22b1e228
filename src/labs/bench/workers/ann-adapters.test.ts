// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exactSearch } from '../../vector-search/search/exact-search';
import { gaussian, mulberry32 } from '../../vector-search/search/rng';
import { vectorSet } from '../../vector-search/search/vector-set';
import { recallAtK } from '../core/recall';
import { orama, oursHnsw, type AnnAdapter } from './ann-adapters';

const dim = 16;
const next = gaussian(mulberry32(3));
const set = vectorSet(Float32Array.from({ length: 600 * dim }, next), dim);
const queries = Array.from({ length: 20 }, () => Float32Array.from({ length: dim }, next));
const truth = queries.map((q) => exactSearch(set, q, 10, 'cosine').map((h) => h.index));

async function recallOf(adapter: AnnAdapter, ef: number): Promise<number> {
  const index = await adapter.build(set, { M: 16, efConstruction: 100, seed: 1 });
  index.setEf(ef);
  const found: number[][] = [];
  for (const q of queries) found.push(await index.search(q, 10));
  index.free();
  return recallAtK(found, truth, 10);
}

describe('ANN adapters', () => {
  it('oursHnsw finds the exact neighbours with a wide ef and reports its graph size', { timeout: 60_000 }, async () => {
    expect(await recallOf(oursHnsw, 200)).toBeGreaterThanOrEqual(0.99);
    const index = await oursHnsw.build(set, { M: 8, efConstruction: 50, seed: 1 });
    // layer 0: 2M links per node (4 bytes each), plus the 600 × 16 float32 vectors it searches
    expect(index.memoryBytes()).toBeGreaterThan(600 * (2 * 8 + 1) * 4 + 600 * dim * 4);
  });

  it('orama returns the exact cosine neighbours (a flat scan), ids as row numbers', { timeout: 60_000 }, async () => {
    expect(await recallOf(orama, 10)).toBe(1);
  });
});
