// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HNSW_PARAMS } from '../search/hnsw-graph';
import { rowNorms } from '../search/vector-set';
import { clusteredVectors, mapPoints, measureExactSearch, measureHnswBuild, measureHnswSearch, measureIdbLoad, measureMapDraw } from './perf-suite';

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
  it('measureMapDraw draws every point of the whole map, flushes each frame, and times the keyboard step', () => {
    let fills = 0;
    const perFrame: number[] = [];
    const ctx = { setTransform() {}, clearRect() {}, fillRect: () => void fills++, beginPath() {}, moveTo() {}, lineTo() {}, arc() {}, stroke() {}, closePath() {}, fill() {} } as unknown as CanvasRenderingContext2D;
    let clock = 0;
    const r = measureMapDraw(ctx, 40, { frames: 3, now: () => (clock += 1), flush: () => void (perFrame.push(fills), (fills = 0)) });
    // the warm-up frame shows the whole map (every point); zoomed frames draw only the points still in view
    expect(perFrame).toHaveLength(4);
    expect(perFrame[0]).toBe(40);
    for (const f of perFrame.slice(1)) expect(f > 0 && f <= 40).toBe(true);
    expect(r.meanMs).toBe(1); // a clock that ticks once per call: one tick between the start and the end of a frame
    expect(r.keyStepMs).toBeCloseTo(1 / 20);
  });
  it('mapPoints gives n points and category codes below 10', () => {
    const { coords, codes } = mapPoints(500, 40, 7);
    expect(coords).toHaveLength(1000);
    expect(Math.max(...codes)).toBeLessThan(10);
  });
});
