import en from './i18n.en.json';
import zh from './i18n.zh.json';
import { fillTemplate, RuntimeError, type MessageParams } from './errors';
import { onnxPath } from './onnx-variants';
import type { Backend, BackendProbe, Bilingual, DType } from './types';

type ReasonCode = Exclude<keyof typeof en.runtime.reasons, 'isolated' | 'not-isolated'>;
export interface Reason {
  code: ReasonCode;
  params: MessageParams;
}

/** WebAssembly threads: `min(4, cores)` when the page is cross-origin isolated (SharedArrayBuffer), else 1. */
export function wasmThreads(crossOriginIsolated: boolean, hardwareConcurrency: number | undefined): number {
  if (!crossOriginIsolated) return 1;
  return Math.max(1, Math.min(4, Math.floor(hardwareConcurrency ?? 1)));
}

/** The thread count a worker's name asks for (`llm-lab-inference-replica-0:1t` → 1), or null. */
export function replicaThreads(workerName: string): number | null {
  const m = /:(\d+)t$/.exec(workerName);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : null;
}

/**
 * The backend to run on. `auto` takes WebGPU only with a real (non-fallback) adapter; a forced
 * choice is honoured even on a fallback adapter, and forcing WebGPU where there is none throws.
 */
export function chooseBackend(requested: Backend | 'auto', probe: BackendProbe): { backend: Backend; reason: Reason } {
  const gpu = probe.webgpu;
  if (requested === 'webgpu') {
    if (!gpu.available) throw new RuntimeError('webgpu-unavailable', { detail: gpu.reason });
    return { backend: 'webgpu', reason: { code: 'forced-backend', params: { backend: 'WebGPU' } } };
  }
  if (requested === 'wasm') return { backend: 'wasm', reason: { code: 'forced-backend', params: { backend: 'WebAssembly' } } };
  if (gpu.available && !gpu.fallbackAdapter) return { backend: 'webgpu', reason: { code: 'auto-webgpu', params: { adapter: gpu.reason } } };
  if (gpu.available) return { backend: 'wasm', reason: { code: 'auto-wasm-fallback', params: { adapter: gpu.reason } } };
  return { backend: 'wasm', reason: { code: 'auto-wasm-no-webgpu', params: { detail: gpu.reason } } };
}

/**
 * The weights to load among those the model has. `auto`: int8 on WebAssembly (smaller, faster on
 * CPUs), fp32 on WebGPU (its int8 matmul runs on the CPU); a missing forced dtype throws.
 */
export function chooseDtype(requested: DType | 'auto', backend: Backend, available: readonly DType[], stem: string): { dtype: DType; reason: Reason } {
  if (available.length === 0) {
    throw new RuntimeError('onnx-file-missing', { file: onnxPath(stem, requested === 'auto' ? 'fp32' : requested), dtype: requested, available: '—' });
  }
  if (requested !== 'auto') {
    if (!available.includes(requested)) {
      throw new RuntimeError('onnx-file-missing', { file: onnxPath(stem, requested), dtype: requested, available: available.join(', ') });
    }
    return { dtype: requested, reason: { code: 'forced-dtype', params: { dtype: requested } } };
  }
  if (available.length === 1) return { dtype: available[0]!, reason: { code: 'only-dtype', params: { dtype: available[0]! } } };
  return backend === 'wasm' ? { dtype: 'q8', reason: { code: 'auto-q8-wasm', params: {} } } : { dtype: 'fp32', reason: { code: 'auto-fp32-webgpu', params: {} } };
}

/** The reasons as one sentence per language; WebAssembly adds its thread count. */
export function describeChoice(reasons: readonly Reason[], backend: Backend, threads: number, crossOriginIsolated: boolean): Bilingual {
  const say = (cat: typeof en, sep: string) => {
    const parts = reasons.map((r) => fillTemplate(cat.runtime.reasons[r.code], r.params));
    if (backend === 'wasm') {
      const isolated = crossOriginIsolated ? cat.runtime.reasons.isolated : cat.runtime.reasons['not-isolated'];
      parts.push(fillTemplate(cat.runtime.reasons.threads, { threads, isolated }));
    }
    return parts.join(sep);
  };
  return { en: say(en, ' '), zh: say(zh, '') };
}
