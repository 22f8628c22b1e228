import { describe, expect, it } from 'vitest';
import type { BenchRun } from '../../lib/runtime/model-store';
import type { BackendProbe, LoadOptions, ModelInfo, ModelRef } from '../../lib/runtime/types';
import { runBackendBenchmark, type BenchRuntime } from './bench-runner';

function fake(webgpu: boolean): BenchRuntime & { loads: LoadOptions[] } {
  const probe: BackendProbe = {
    webgpu: webgpu ? { available: true, fallbackAdapter: true, reason: 'swiftshader' } : { available: false, reason: 'navigator.gpu is missing' },
    wasm: { simd: true, threads: 2, crossOriginIsolated: true },
  };
  const loads: LoadOptions[] = [];
  return {
    loads,
    probeBackends: async () => probe,
    load: async (ref: ModelRef, opts?: LoadOptions) => {
      loads.push(opts!);
      return { handle: `g1/${opts!.backend}`, ref, backend: opts!.backend, dtype: opts!.backend === 'wasm' ? 'q8' : 'fp32', threads: opts!.backend === 'wasm' ? 2 : 0 } as ModelInfo;
    },
    benchmark: async (handle) => ({ latenciesMs: handle.endsWith('wasm') ? [30, 10, 20, 40] : [5, 5, 5, 9], tokens: 8 }),
  };
}

describe('runBackendBenchmark', () => {
  it('measures WebAssembly and (forced) WebGPU, summarises each run and stores it', async () => {
    const rt = fake(true);
    const saved: BenchRun[] = [];
    const stages: string[] = [];
    const out = await runBackendBenchmark(rt, { addBenchRun: async (r) => saved.push(r) }, { source: 'shipped', id: 'm' }, { text: 'hi', runs: 4 }, (b) => stages.push(b), () => 42);
    expect(rt.loads).toEqual([{ backend: 'wasm' }, { backend: 'webgpu' }]);
    expect(out.skippedWebGpu).toBeNull();
    expect(out.runs.map((r) => [r.backend, r.dtype, r.threads, r.medianMs, r.p90Ms, r.tokensPerSec, r.createdAt, r.id])).toEqual([
      ['wasm', 'q8', 2, 25, 37, 320, 42, 1],
      ['webgpu', 'fp32', 0, 5, 7.800000000000001, 1600, 42, 2],
    ]);
    expect(saved).toHaveLength(2);
    expect(new Set(stages)).toEqual(new Set(['wasm', 'webgpu']));
  });

  it('without WebGPU it measures WebAssembly only and says why', async () => {
    const out = await runBackendBenchmark(fake(false), { addBenchRun: async () => 1 }, { source: 'shipped', id: 'm' }, { text: 'hi', runs: 4 }, () => {});
    expect(out.runs.map((r) => r.backend)).toEqual(['wasm']);
    expect(out.skippedWebGpu).toBe('navigator.gpu is missing');
  });
});
