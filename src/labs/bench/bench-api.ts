/**
 * The benchmark suites and how to run them: from the Benchmark page, and from `npm run bench`
 * through `window.__bench` (installed when the page opens).
 *
 * @example
 * await window.__bench.run('vectors', { quick: true }); // SuiteResult
 */
import { runtime } from '../../lib/runtime';
import type { BenchRun, Machine, SuiteResult } from './core/types';
import { fetchManifest, type Suite, type SuiteContext } from './suites/context';
import { embedSuite } from './suites/embed';
import { idbSuite } from './suites/idb';
import { modelLoadSuite } from './suites/model-load';
import { nerSuite } from './suites/ner';
import { vectorsSuite } from './suites/vectors';
import { webgpuSuite } from './suites/webgpu';

export const SUITES: readonly Suite[] = [modelLoadSuite, embedSuite, webgpuSuite, vectorsSuite, nerSuite, idbSuite];
export const SUITE_IDS = SUITES.map((s) => s.id);

export async function collectMachine(): Promise<Machine> {
  const probe = await runtime.probeBackends();
  const nav = navigator as Navigator & { deviceMemory?: number };
  return {
    userAgent: nav.userAgent,
    cores: nav.hardwareConcurrency ?? 1,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    wasmThreads: probe.wasm.threads,
    simd: probe.wasm.simd,
    webgpu: { available: probe.webgpu.available, fallbackAdapter: probe.webgpu.fallbackAdapter === true, adapter: probe.webgpu.reason },
    deviceMemoryGb: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
  };
}

export interface RunOptions {
  quick?: boolean;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  clearHttpCache?: () => Promise<void>;
}

/** Runs one suite; a suite that throws is reported as skipped with the error, never as a figure. */
export async function runSuite(id: string, opts: RunOptions = {}, machine?: Machine): Promise<SuiteResult> {
  const suite = SUITES.find((s) => s.id === id);
  if (!suite) throw new RangeError(`unknown benchmark "${id}" (known: ${SUITE_IDS.join(', ')})`);
  const ctx: SuiteContext = {
    quick: opts.quick ?? false,
    signal: opts.signal,
    onProgress: opts.onProgress,
    clearHttpCache: opts.clearHttpCache,
    machine: machine ?? (await collectMachine()),
    manifest: await fetchManifest(),
  };
  const t0 = performance.now();
  try {
    return await suite.run(ctx);
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    const why = e instanceof Error ? e.message : String(e);
    return { suite: id, figures: [], skipped: [`the suite failed: ${why}`], notes: [], ms: performance.now() - t0 };
  }
}

export function newRunId(now: Date = new Date()): string {
  return `run-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** Runs the chosen suites one after the other into one record. */
export async function runSuites(ids: readonly string[], opts: RunOptions & { origin: BenchRun['origin'] }): Promise<BenchRun> {
  const started = new Date();
  const machine = await collectMachine();
  const suites: SuiteResult[] = [];
  for (const id of ids) suites.push(await runSuite(id, opts, machine));
  return {
    app: 'llm-learning-lab',
    kind: 'bench-run',
    version: 1,
    id: newRunId(started),
    mode: opts.quick ? 'quick' : 'full',
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    origin: opts.origin,
    machine,
    suites,
  };
}

export interface BenchApi {
  suites: readonly string[];
  machine(): Promise<Machine>;
  run(id: string, opts?: { quick?: boolean }): Promise<SuiteResult>;
}

declare global {
  interface Window {
    __bench?: BenchApi;
    /** Provided by `npm run bench` (DevTools protocol): empties the HTTP cache before cold loads. */
    __benchClearCache?: () => Promise<void>;
  }
}

/** `window.__bench`, for `npm run bench` (and for anyone in the console). */
export function installBenchApi(win: Window = window): BenchApi {
  const api: BenchApi = {
    suites: SUITE_IDS,
    machine: collectMachine,
    run: (id, opts = {}) =>
      runSuite(id, {
        quick: opts.quick,
        clearHttpCache: win.__benchClearCache,
        onProgress: (m) => console.info(`[bench] ${m}`),
      }),
  };
  win.__bench = api;
  return api;
}
