/**
 * A one-node ONNX graph `Y = A · B` (float32, A: m × k, B: k × n), built in the browser: the peak
 * the machine's ONNX Runtime reaches on one large matrix product, which model throughput is
 * compared against. Encoded by hand on protobufjs's Writer (no reflection: the app's CSP forbids
 * `new Function`), with only the fields the graph needs (onnx/onnx.proto):
 *
 *   ModelProto { int64 ir_version = 1; GraphProto graph = 7; OperatorSetIdProto opset_import = 8; }
 *   GraphProto { NodeProto node = 1; string name = 2; ValueInfoProto input = 11; output = 12; }
 *   NodeProto  { string input = 1; string output = 2; string name = 3; string op_type = 4; }
 *   ValueInfoProto { string name = 1; TypeProto type = 2; }  TypeProto { Tensor tensor_type = 1; }
 *   Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }  Dimension { int64 dim_value = 1; }
 */
import { Writer } from 'protobufjs/minimal.js';

const FLOAT = 1;
const LEN = 2;
const VARINT = 0;
const tag = (field: number, wire: number) => (field << 3) | wire;

function valueInfo(w: Writer, field: number, name: string, dims: number[]): void {
  w.uint32(tag(field, LEN)).fork();
  w.uint32(tag(1, LEN)).string(name);
  w.uint32(tag(2, LEN)).fork(); // TypeProto
  w.uint32(tag(1, LEN)).fork(); // Tensor
  w.uint32(tag(1, VARINT)).int32(FLOAT);
  w.uint32(tag(2, LEN)).fork(); // TensorShapeProto
  for (const d of dims) w.uint32(tag(1, LEN)).fork().uint32(tag(1, VARINT)).int64(d).ldelim();
  w.ldelim().ldelim().ldelim().ldelim();
}

export function matmulModel(m: number, k: number, n: number): Uint8Array {
  for (const [name, v] of [['m', m], ['k', k], ['n', n]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 16_384) throw new RangeError(`${name} must be an integer in 1…16384, got ${v}`);
  }
  const w = new Writer();
  w.uint32(tag(1, VARINT)).int64(8);
  w.uint32(tag(7, LEN)).fork();
  w.uint32(tag(1, LEN)).fork().uint32(tag(1, LEN)).string('A').uint32(tag(1, LEN)).string('B').uint32(tag(2, LEN)).string('Y')
    .uint32(tag(3, LEN)).string('matmul').uint32(tag(4, LEN)).string('MatMul').ldelim();
  w.uint32(tag(2, LEN)).string('matmul-peak');
  valueInfo(w, 11, 'A', [m, k]);
  valueInfo(w, 11, 'B', [k, n]);
  valueInfo(w, 12, 'Y', [m, n]);
  w.ldelim();
  w.uint32(tag(8, LEN)).fork().uint32(tag(2, VARINT)).int64(17).ldelim();
  return w.finish();
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
