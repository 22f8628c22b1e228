/**
 * The page `tools/measure-perf.mjs` loads in headless Chromium: runs the measurable functions at the
 * brief's scale (100k × 256) and reports JSON through `window.__perfResult`.
 */
import { DEFAULT_HNSW_PARAMS } from '../search/hnsw-graph';
import { DotScanner } from '../search/simd-dot';
import { vectorSet } from '../search/vector-set';
import { clusteredVectors, measureExactSearch, measureHnswBuild, measureHnswSearch, measureIdbLoad, measureMapDraw } from './perf-suite';

declare global {
  interface Window {
    runPerf(opts: { n: number; dim: number; queries: number; efs: number[]; M: number; efConstruction: number; parts: string[] }): Promise<unknown>;
    __perfLog: string[];
    /** CPU milliseconds used so far by the browser's processes (exposed by tools/measure-perf.mjs). */
    cpuMs?: () => Promise<number>;
  }
}

window.__perfLog = [];
const log = (s: string) => window.__perfLog.push(`${new Date().toISOString()} ${s}`);

async function memoryBytes(): Promise<number | null> {
  const p = performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
  if (!crossOriginIsolated || !p.measureUserAgentSpecificMemory) return null;
  return (await p.measureUserAgentSpecificMemory()).bytes;
}

window.runPerf = async ({ n, dim, queries, efs, M, efConstruction, parts }) => {
  const result: Record<string, unknown> = { n, dim, queries, userAgent: navigator.userAgent, crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency };
  if (parts.includes('idb')) {
    result.idb = await measureIdbLoad(() => clusteredVectors(n, dim, 200, 1), `perf-${Date.now()}`, { memory: memoryBytes });
    log('idb done');
  }
  if (parts.includes('map')) {
    // The map's canvas at its size in the lab (640 × 480 CSS px, one device pixel each), at 20k points and at n.
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext('2d')!;
    result.map = [...new Set([20_000, n])].map((points) => ({ points, ...measureMapDraw(ctx, points) }));
    log('map done');
  }
  if (!parts.includes('exact') && !parts.includes('hnsw')) return result;
  const set = clusteredVectors(n, dim, 200, 1);
  const queryFree = clusteredVectors(queries, dim, 200, 1, 99);
  log('data ready');
  const cpu = async () => (window.cpuMs ? window.cpuMs() : null);
  if (parts.includes('exact')) {
    // CPU time per query: what the scan costs when the machine is shared (wall time counts the waiting too).
    const perQuery = (c0: number | null, c1: number | null) => (c0 === null || c1 === null ? null : (c1 - c0) / (queries + 1));
    let c0 = await cpu();
    const js = measureExactSearch(set, queryFree);
    let c1 = await cpu();
    result.exact = { ...js, cpuMsPerQuery: perQuery(c0, c1) };
    log('exact (js) done');
    const scanner = DotScanner.create(n, dim);
    if (scanner) {
      scanner.vectors.set(set.data);
      c0 = await cpu();
      const simd = measureExactSearch(vectorSet(scanner.vectors, dim), queryFree, 10, undefined, scanner);
      c1 = await cpu();
      result.exactSimd = { ...simd, cpuMsPerQuery: perQuery(c0, c1) };
      log('exact (simd) done');
    }
  }
  if (parts.includes('hnsw')) {
    const { index, buildMs } = measureHnswBuild(set, { ...DEFAULT_HNSW_PARAMS, M, efConstruction }, undefined, (d) => log(`hnsw ${d}`));
    log(`built in ${buildMs.toFixed(0)} ms`);
    const points = [];
    for (const ef of efs) {
      const c0 = await cpu();
      const t = measureHnswSearch(index, set, queryFree, ef);
      const c1 = await cpu();
      points.push({ ef, ...t, cpuMsPerQueryWithExactTruth: c0 === null || c1 === null ? null : (c1 - c0) / queries });
    }
    result.hnsw = { M, efConstruction, buildMs, points };
  }
  return result;
};
