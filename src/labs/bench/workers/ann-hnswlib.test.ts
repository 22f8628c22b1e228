// hnswlib-wasm is an Emscripten build for the web only: it runs here in jsdom (the default environment).
import { describe, expect, it } from 'vitest';
import { exactSearch } from '../../vector-search/search/exact-search';
import { gaussian, mulberry32 } from '../../vector-search/search/rng';
import { vectorSet } from '../../vector-search/search/vector-set';
import { recallAtK } from '../core/recall';
import { hnswlibWasm } from './ann-adapters';

describe('hnswlibWasm adapter', () => {
  it('builds an index whose wide-ef search finds the exact neighbours, ids as row numbers', { timeout: 60_000 }, async () => {
    const dim = 16;
    const next = gaussian(mulberry32(5));
    const set = vectorSet(Float32Array.from({ length: 500 * dim }, next), dim);
    const queries = Array.from({ length: 20 }, () => Float32Array.from({ length: dim }, next));
    const index = await hnswlibWasm.build(set, { M: 16, efConstruction: 100, seed: 1 });
    index.setEf(200);
    const found = await Promise.all(queries.map((q) => index.search(q, 10)));
    index.free();
    expect(recallAtK(found, queries.map((q) => exactSearch(set, q, 10, 'cosine').map((h) => h.index)), 10)).toBeGreaterThanOrEqual(0.99);
  });
});
