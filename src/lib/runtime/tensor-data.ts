import { RuntimeError } from './errors';
import type { TensorData } from './types';

/** What the runtime reads of an ONNX Runtime tensor (onnxruntime-web and -node alike). */
export interface OrtTensorLike {
  readonly dims: readonly number[];
  readonly type: string;
  readonly data: unknown;
  dispose?(): void;
}

/** IEEE half → float. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/**
 * An output tensor as TensorData that owns its buffer (so it can be transferred to the UI thread):
 * float32 / int64 / int32 / bool as they are; float16 widened to float32.
 */
export function toTensorData(name: string, t: OrtTensorLike): TensorData {
  const dims = [...t.dims];
  const own = <T extends Float32Array | BigInt64Array | Int32Array | Uint8Array>(a: T): T =>
    a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer ? a : (a.slice() as T);
  switch (t.type) {
    case 'float32':
      return { dims, type: 'float32', data: own(t.data as Float32Array) };
    case 'int64':
      return { dims, type: 'int64', data: own(t.data as BigInt64Array) };
    case 'int32':
      return { dims, type: 'int32', data: own(t.data as Int32Array) };
    case 'bool':
      return { dims, type: 'bool', data: own(t.data as Uint8Array) };
    case 'float16': {
      const raw = t.data as Uint16Array | ArrayLike<number>;
      const isBits = raw instanceof Uint16Array;
      return { dims, type: 'float32', data: Float32Array.from(raw as ArrayLike<number>, (v) => (isBits ? halfToFloat(v) : v)) };
    }
    default:
      throw new RuntimeError('internal', { detail: `output ${name} has type ${t.type}, which the runtime does not pass on` });
  }
}

/** The distinct buffers of some tensors, for `postMessage`'s transfer list. */
export function transferablesOf(tensors: Iterable<TensorData>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const t of tensors) if (t.data.buffer instanceof ArrayBuffer) out.add(t.data.buffer);
  return [...out];
}
