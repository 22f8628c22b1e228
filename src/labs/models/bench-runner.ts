import { formatModelRef } from '../../lib/runtime/model-ref';
import type { BenchRun, ModelStore } from '../../lib/runtime/model-store';
import type { Backend, BackendProbe, BenchmarkOptions, BenchmarkResult, LoadOptions, ModelInfo, ModelRef, ProgressCallback } from '../../lib/runtime/types';
import { summarizeBench } from './bench-stats';

export interface BenchRuntime {
  probeBackends(): Promise<BackendProbe>;
  load(ref: ModelRef, opts?: LoadOptions, onProgress?: ProgressCallback): Promise<ModelInfo>;
  benchmark(handle: string, opts: BenchmarkOptions, onProgress?: ProgressCallback): Promise<BenchmarkResult>;
}

export interface BenchOutcome {
  runs: BenchRun[];
  /** Why WebGPU was not measured, when it was not. */
  skippedWebGpu: string | null;
}

/**
 * Benchmarks one model on WebAssembly and, where an adapter exists, WebGPU (forced, so a fallback
 * adapter is measured too): `runs` timed inferences after a warm-up, summarised and kept in history.
 */
export async function runBackendBenchmark(
  rt: BenchRuntime,
  store: Pick<ModelStore, 'addBenchRun'>,
  ref: ModelRef,
  opts: { text: string; runs: number; signal?: AbortSignal },
  onStage: (backend: Backend, progress: Parameters<ProgressCallback>[0] | null) => void,
  now: () => number = Date.now,
): Promise<BenchOutcome> {
  const probe = await rt.probeBackends();
  const backends: Backend[] = probe.webgpu.available ? ['wasm', 'webgpu'] : ['wasm'];
  const out: BenchRun[] = [];
  for (const backend of backends) {
    onStage(backend, null);
    const info = await rt.load(ref, { backend }, (p) => onStage(backend, p));
    const r = await rt.benchmark(info.handle, { text: opts.text, runs: opts.runs, signal: opts.signal }, (p) => onStage(backend, p));
    const s = summarizeBench(r.latenciesMs, r.tokens);
    const run: BenchRun = {
      model: formatModelRef(ref),
      backend,
      dtype: info.dtype,
      threads: info.threads,
      tokens: r.tokens,
      runs: s.runs,
      latenciesMs: r.latenciesMs,
      medianMs: s.medianMs,
      p90Ms: s.p90Ms,
      tokensPerSec: s.tokensPerSec,
      createdAt: now(),
    };
    run.id = await store.addBenchRun(run);
    out.push(run);
  }
  return { runs: out, skippedWebGpu: probe.webgpu.available ? null : probe.webgpu.reason };
}
