/**
 * The page `tools/measure-perf.mjs` loads in headless Chromium: runs the measurable functions at the
 * brief's scale (100k × 256) and reports JSON through `window.__perfResult`.
 */
import { DEFAULT_HNSW_PARAMS } from '../search/hnsw-graph';
import { clusteredVectors, measureExactSearch, measureHnswBuild, measureHnswSearch, measureIdbLoad } from './perf-suite';

declare global {
  interface Window {
    runPerf(opts: { n: number; dim: number; queries: number; efs: number[]; M: number; efConstruction: number }): Promise<unknown>;
    __perfLog: string[];
  }
}

window.__perfLog = [];
const log = (s: string) => window.__perfLog.push(`${new Date().toISOString()} ${s}`);

async function memoryBytes(): Promise<number | null> {
  const p = performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
  if (!crossOriginIsolated || !p.measureUserAgentSpecificMemory) return null;
  return (await p.measureUserAgentSpecificMemory()).bytes;
}

window.runPerf = async ({ n, dim, queries, efs, M, efConstruction }) => {
  const set = clusteredVectors(n, dim, 200, 1);
  const queryFree = clusteredVectors(queries, dim, 200, 1, 99);
  log('data ready');
  const exact = measureExactSearch(set, queryFree);
  log(`exact ${exact.meanMs.toFixed(2)} ms`);
  const { index, buildMs } = measureHnswBuild(set, { ...DEFAULT_HNSW_PARAMS, M, efConstruction }, undefined, (d) => log(`hnsw ${d}`));
  log(`built in ${buildMs.toFixed(0)} ms`);
  const hnsw = efs.map((ef) => ({ ef, ...measureHnswSearch(index, set, queryFree, ef) }));
  const memBefore = await memoryBytes();
  const idb = await measureIdbLoad(set, `perf-${Date.now()}`);
  const memAfter = await memoryBytes();
  log('idb done');
  return { n, dim, queries, exact, hnsw: { M, efConstruction, buildMs, points: hnsw }, idb: { ...idb, memBefore, memAfter }, userAgent: navigator.userAgent, crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency };
};
