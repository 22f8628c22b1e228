import { describe, expect, it } from 'vitest';
import { RuntimeError } from './errors';
import { isFatalWasmError, mapSessionError } from './session-errors';

const ort = (m: string) => new Error(`Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: ${m}`);

describe('mapSessionError', () => {
  it('mapSessionError names the operator a backend lacks, from each ONNX Runtime wording', () => {
    const cases: [string, string][] = [
      ['No Op registered for FooBar with domain_version of 17', 'FooBar'],
      ['Fatal error: com.example:FooBar(-1) is not a registered function/op', 'FooBar'],
      ["Could not find an implementation for MatMulInteger(10) node with name 'mm'", 'MatMulInteger'],
    ];
    for (const [msg, op] of cases) {
      const err = mapSessionError(ort(msg), 'onnx/model.onnx', 'webgpu');
      expect(err.code, msg).toBe('unsupported-op');
      expect(err.kind).toBe('unsupported-op');
      expect(err.userMessage.en).toBe(`The WebGPU backend cannot run this model: it has no kernel for the operator ${op}.`);
      expect(err.userMessage.zh).toContain(op);
    }
  });

  it('mapSessionError calls an unparsable graph corrupt, naming the file', () => {
    const err = mapSessionError(ort('Failed to load model because protobuf parsing failed.'), 'onnx/model_quantized.onnx', 'wasm');
    expect(err.code).toBe('onnx-corrupt');
    expect(err.userMessage.en).toContain('onnx/model_quantized.onnx');
  });

  it('mapSessionError keeps RuntimeErrors and wraps anything else as session-failed', () => {
    const own = new RuntimeError('cancelled');
    expect(mapSessionError(own, 'f', 'wasm')).toBe(own);
    expect(mapSessionError('weird', 'f', 'wasm').code).toBe('session-failed');
  });

  it('isFatalWasmError spots aborts and memory exhaustion only', () => {
    expect(isFatalWasmError(new Error('RuntimeError: Aborted(OOM)'))).toBe(true);
    expect(isFatalWasmError(new Error('memory access out of bounds'))).toBe(true);
    expect(isFatalWasmError(new Error('No Op registered for X'))).toBe(false);
  });
});
