import { describe, expect, it } from 'vitest';
import { chooseBackend, chooseDtype, describeChoice, replicaThreads, wasmThreads } from './backend-choice';
import { RuntimeError } from './errors';
import type { BackendProbe } from './types';

const probe = (webgpu: BackendProbe['webgpu']): BackendProbe => ({ webgpu, wasm: { simd: true, threads: 4, crossOriginIsolated: true } });
const real = probe({ available: true, fallbackAdapter: false, reason: 'nvidia ampere' });
const fallback = probe({ available: true, fallbackAdapter: true, reason: 'google swiftshader' });
const none = probe({ available: false, reason: 'navigator.gpu is missing' });

describe('chooseBackend', () => {
  it('chooseBackend(auto) takes WebGPU only on a real adapter', () => {
    expect(chooseBackend('auto', real)).toEqual({ backend: 'webgpu', reason: { code: 'auto-webgpu', params: { adapter: 'nvidia ampere' } } });
    expect(chooseBackend('auto', fallback).backend).toBe('wasm');
    expect(chooseBackend('auto', fallback).reason.code).toBe('auto-wasm-fallback');
    expect(chooseBackend('auto', none).reason).toEqual({ code: 'auto-wasm-no-webgpu', params: { detail: 'navigator.gpu is missing' } });
  });

  it('chooseBackend(webgpu) honours a fallback adapter when forced, and throws without any', () => {
    expect(chooseBackend('webgpu', fallback).backend).toBe('webgpu');
    expect(() => chooseBackend('webgpu', none)).toThrow(RuntimeError);
    expect(chooseBackend('wasm', real).backend).toBe('wasm');
  });
});

describe('chooseDtype', () => {
  it('chooseDtype(auto) is q8 on wasm and fp32 on webgpu when both exist', () => {
    expect(chooseDtype('auto', 'wasm', ['fp32', 'q8'], 'model').dtype).toBe('q8');
    expect(chooseDtype('auto', 'webgpu', ['fp32', 'q8'], 'model').dtype).toBe('fp32');
  });

  it('chooseDtype(auto) takes the only one there is', () => {
    expect(chooseDtype('auto', 'webgpu', ['q8'], 'model_mlm')).toEqual({ dtype: 'q8', reason: { code: 'only-dtype', params: { dtype: 'q8' } } });
  });

  it('chooseDtype(forced, missing) throws onnx-file-missing naming the file', () => {
    try {
      chooseDtype('fp32', 'wasm', ['q8'], 'model_mlm');
      expect.unreachable();
    } catch (e) {
      expect((e as RuntimeError).code).toBe('onnx-file-missing');
      expect((e as RuntimeError).userMessage.en).toContain('onnx/model_mlm.onnx');
    }
    expect(() => chooseDtype('auto', 'wasm', [], 'model')).toThrow(RuntimeError);
  });
});

describe('threads and reasons', () => {
  it('replicaThreads reads a worker name’s `:<n>t` suffix', () => {
    expect(replicaThreads('llm-lab-inference-replica-0:1t')).toBe(1);
    expect(replicaThreads('x:3t')).toBe(3);
    expect(replicaThreads('llm-lab-inference')).toBeNull();
    expect(replicaThreads('x:0t')).toBeNull();
    expect(replicaThreads('x:1t-not')).toBeNull();
  });

  it('wasmThreads is min(4, cores) when isolated, else 1', () => {
    expect(wasmThreads(true, 16)).toBe(4);
    expect(wasmThreads(true, 2)).toBe(2);
    expect(wasmThreads(false, 16)).toBe(1);
    expect(wasmThreads(true, undefined)).toBe(1);
  });

  it('describeChoice joins the reasons and adds the thread count on wasm, in both languages', () => {
    const text = describeChoice([chooseBackend('auto', fallback).reason, chooseDtype('auto', 'wasm', ['fp32', 'q8'], 'model').reason], 'wasm', 2, true);
    expect(text.en).toBe(
      'The only WebGPU adapter is a software fallback (google swiftshader), slower than WebAssembly. int8 weights are smaller and faster on the CPU. 2 WebAssembly thread(s) (the page is cross-origin isolated).',
    );
    expect(text.zh).toContain('软件回退');
    expect(text.zh).toContain('2 个 WebAssembly 线程');
    expect(describeChoice([chooseBackend('webgpu', fallback).reason], 'webgpu', 4, true).en).toBe('You chose WebGPU in the backend settings.');
  });
});
