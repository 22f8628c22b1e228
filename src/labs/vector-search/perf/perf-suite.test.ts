// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HNSW_PARAMS } from '../search/hnsw-graph';
import { rowNorms } from '../search/vector-set';
import { clusteredVectors, measureExactSearch, measureHnswBuild, measureHnswSearch, measureIdbLoad } from './perf-suite';

describe('perf suite (small scale)', { timeout: 120_000 }, () => {
  it('clusteredVectors gives unit vectors; queries share the centres but not the points', () => {
    const set = clusteredVectors(300, 16, 5, 1);
    for (const n of rowNorms(set)) expect(n).toBeCloseTo(1, 5);
    const q = clusteredVectors(3, 16, 5, 1, 99);
    expect(Array.from(q.data.subarray(0, 16))).not.toEqual(Array.from(set.data.subarray(0, 16)));
  });
  it('measures exact search, HNSW build/search with recall, and the IndexedDB round trip', async () => {
    const set = clusteredVectors(2000, 16, 20, 1);
    const queries = clusteredVectors(20, 16, 20, 1, 5);
    expect(measureExactSearch(set, queries).meanMs).toBeGreaterThanOrEqual(0);
    const { index, buildMs } = measureHnswBuild(set, { ...DEFAULT_HNSW_PARAMS, M: 8, efConstruction: 64 });
    expect(buildMs).toBeGreaterThan(0);
    expect(measureHnswSearch(index, set, queries, 64).recall).toBeGreaterThan(0.9);
    const idb = await measureIdbLoad(() => set, 'perf-test');
    expect(idb.bytes).toBe(2000 * 16 * 4);
  });
});
