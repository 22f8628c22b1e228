import { describe, expect, it } from 'vitest';
import { currentEnvironment, probeBackends, type GpuAdapterLike } from './backend-probe';

const gpu = (first: GpuAdapterLike | null, fallback: GpuAdapterLike | null = null) => ({
  requestAdapter: async (o?: { forceFallbackAdapter?: boolean }) => (o?.forceFallbackAdapter ? fallback : first),
});
const base = { crossOriginIsolated: true, hardwareConcurrency: 8, simd: true };

describe('probeBackends', () => {
  it('probeBackends reports a hardware adapter by name', async () => {
    const { probe } = await probeBackends({ ...base, gpu: gpu({ info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false } }) });
    expect(probe).toEqual({ webgpu: { available: true, fallbackAdapter: false, reason: 'nvidia · ampere' }, wasm: { simd: true, threads: 4, crossOriginIsolated: true } });
  });

  it('probeBackends falls back to a fallback adapter and says so (old isFallbackAdapter field too)', async () => {
    const { probe, adapter } = await probeBackends({ ...base, gpu: gpu(null, { isFallbackAdapter: true, info: { vendor: 'google', architecture: 'swiftshader' } }) });
    expect(probe.webgpu).toEqual({ available: true, fallbackAdapter: true, reason: 'google · swiftshader' });
    expect(adapter).not.toBeNull();
  });

  it('probeBackends explains a missing WebGPU, no adapter, and a failing request', async () => {
    expect((await probeBackends({ ...base, gpu: undefined })).probe.webgpu.reason).toMatch(/navigator\.gpu is missing/);
    expect((await probeBackends({ ...base, gpu: gpu(null) })).probe.webgpu).toMatchObject({ available: false, reason: expect.stringMatching(/no adapter/) });
    const failing = { requestAdapter: async () => Promise.reject(new Error('denied')) };
    expect((await probeBackends({ ...base, gpu: failing })).probe.webgpu.reason).toBe('requestAdapter() failed: denied');
  });

  it('probeBackends gives one WebAssembly thread without cross-origin isolation', async () => {
    expect((await probeBackends({ ...base, crossOriginIsolated: false, gpu: undefined })).probe.wasm).toEqual({ simd: true, threads: 1, crossOriginIsolated: false });
  });

  it('probeBackends reports the thread count a replica worker was given', async () => {
    expect((await probeBackends({ ...base, threads: 1, gpu: undefined })).probe.wasm.threads).toBe(1);
  });

  it('currentEnvironment detects WebAssembly SIMD in this runtime', () => {
    expect(currentEnvironment().simd).toBe(true);
  });
});
