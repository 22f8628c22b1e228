/**
 * A one-node ONNX graph `Y = A · B` (float32, A: m × k, B: k × n), built in the browser: the peak
 * the machine's ONNX Runtime reaches on one large matrix product, which model throughput is
 * compared against.
 */
import { encodeModel, TENSOR_FLOAT } from '../../../lib/onnx/onnx-proto';

export function matmulModel(m: number, k: number, n: number): Uint8Array {
  for (const [name, v] of [['m', m], ['k', k], ['n', n]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 16_384) throw new RangeError(`${name} must be an integer in 1…16384, got ${v}`);
  }
  return encodeModel({
    irVersion: 8,
    opsets: { '': 17 },
    nodes: [{ name: 'matmul', opType: 'MatMul', domain: '', inputs: ['A', 'B'], outputs: ['Y'], attributes: [] }],
    initializers: [],
    inputs: [
      { name: 'A', elemType: TENSOR_FLOAT, shape: [m, k] },
      { name: 'B', elemType: TENSOR_FLOAT, shape: [k, n] },
    ],
    outputs: [{ name: 'Y', elemType: TENSOR_FLOAT, shape: [m, n] }],
  });
}

/** Deterministic inputs in [-1, 1) (a linear congruential sequence), so runs are repeatable. */
export function matmulInput(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
