import { wasmThreads } from './backend-choice';
import { describeError } from './errors';
import type { BackendProbe } from './types';

/** The parts of WebGPU the probe touches (typed here so the app needs no @webgpu/types). */
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
export interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string; forceFallbackAdapter?: boolean }): Promise<GpuAdapterLike | null>;
}

export interface ProbeEnvironment {
  gpu: GpuLike | undefined;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number | undefined;
  /** `WebAssembly.validate` of a module using SIMD. */
  simd: boolean;
  /** WebAssembly threads this worker was told to use (an embed-pool replica: 1); default `wasmThreads`. */
  threads?: number;
}

/** A module with one `v128` function (`i8x16.splat`); valid only where WebAssembly SIMD is. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function currentEnvironment(): ProbeEnvironment {
  const nav = globalThis.navigator as (Navigator & { gpu?: GpuLike }) | undefined;
  return {
    gpu: nav?.gpu,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: nav?.hardwareConcurrency,
    simd: typeof WebAssembly !== 'undefined' && WebAssembly.validate(SIMD_PROBE),
  };
}

function describeAdapter(a: GpuAdapterLike): string {
  const i = a.info ?? {};
  return [i.vendor, i.architecture, i.device, i.description].filter((s) => s && s.trim()).join(' · ') || 'unnamed adapter';
}

/**
 * Asks for a WebGPU adapter (a hardware one first, then a fallback one) and reads the WebAssembly
 * features. Returns the probe and the adapter, which ONNX Runtime should use (`env.webgpu.adapter`).
 */
export async function probeBackends(envir: ProbeEnvironment = currentEnvironment()): Promise<{ probe: BackendProbe; adapter: GpuAdapterLike | null }> {
  const wasm = {
    simd: envir.simd,
    threads: envir.threads ?? wasmThreads(envir.crossOriginIsolated, envir.hardwareConcurrency),
    crossOriginIsolated: envir.crossOriginIsolated,
  };
  if (!envir.gpu) return { probe: { webgpu: { available: false, reason: 'navigator.gpu is missing: this browser or page has no WebGPU' }, wasm }, adapter: null };
  try {
    const adapter =
      (await envir.gpu.requestAdapter({ powerPreference: 'high-performance' })) ?? (await envir.gpu.requestAdapter({ forceFallbackAdapter: true }));
    if (!adapter) return { probe: { webgpu: { available: false, reason: 'requestAdapter() found no adapter (GPU blocklisted or WebGPU disabled)' }, wasm }, adapter: null };
    const fallbackAdapter = Boolean(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter);
    return { probe: { webgpu: { available: true, fallbackAdapter, reason: describeAdapter(adapter) }, wasm }, adapter };
  } catch (e) {
    return { probe: { webgpu: { available: false, reason: `requestAdapter() failed: ${describeError(e)}` }, wasm }, adapter: null };
  }
}
