import { describeError, RuntimeError } from './errors';

const OP_PATTERNS = [
  /No Op registered for ([\w.]+)/,
  /Fatal error: (?:[\w.]+:)?([\w.]+)\(-?\d+\) is not a registered function\/op/,
  /Could not find an implementation for ([\w.]+)\(\d+\)/,
  /[Uu]nsupported (?:op|operator|node)[^A-Za-z]*['"`]?([A-Z][\w.]*)/,
];

/** Messages that mean the WebAssembly instance itself is broken: only a fresh worker helps. */
const FATAL = /Aborted\(|out of memory|memory access out of bounds|unreachable executed|RangeError: WebAssembly\.Memory|Cannot enlarge memory/i;

export function isFatalWasmError(e: unknown): boolean {
  return FATAL.test(describeError(e));
}

/**
 * An ONNX Runtime failure (session creation or run) as a RuntimeError: a missing operator kernel is
 * `unsupported-op` naming the operator; an unparsable graph is `onnx-corrupt`; the rest `session-failed`.
 * @example mapSessionError(new Error('… No Op registered for FooBar with domain_version of 17'), 'onnx/model.onnx', 'wasm').code // 'unsupported-op'
 */
export function mapSessionError(e: unknown, file: string, backend: string): RuntimeError {
  if (e instanceof RuntimeError) return e;
  const msg = describeError(e);
  for (const p of OP_PATTERNS) {
    const m = p.exec(msg);
    if (m) return new RuntimeError('unsupported-op', { backend: backend === 'webgpu' ? 'WebGPU' : 'WebAssembly', op: m[1]! }, msg);
  }
  if (/protobuf parsing failed|Failed to load model|invalid (?:model|protobuf)/i.test(msg)) return new RuntimeError('onnx-corrupt', { file, detail: msg }, msg);
  return new RuntimeError('session-failed', { file, detail: msg }, msg);
}
