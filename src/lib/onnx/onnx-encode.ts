/**
 * Encoders for the ONNX subset of `onnx-proto.ts`: the GraphProto fields the attention surgery appends
 * (nodes, outputs), and whole small models for tests. Hand-written on `protobufjs/minimal` for the same
 * reason as the decoders (no `new Function` under the app's CSP).
 */
import { Writer } from 'protobufjs/minimal.js';
import { TENSOR_FLOAT, type OnnxAttribute, type OnnxNode, type OnnxValueInfo } from './onnx-proto';

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** Float32 data (data_type 1), stored as raw_data. */
  floatData: Float32Array;
}

function writeAttribute(w: Writer, a: OnnxAttribute): void {
  w.uint32((1 << 3) | 2).string(a.name);
  if (a.f !== undefined) w.uint32((2 << 3) | 5).float(a.f);
  if (a.i !== undefined) w.uint32((3 << 3) | 0).int64(a.i);
  for (const v of a.ints ?? []) w.uint32((8 << 3) | 0).int64(v);
  w.uint32((20 << 3) | 0).int32(a.type);
}

function writeNode(w: Writer, n: OnnxNode): void {
  for (const i of n.inputs) w.uint32((1 << 3) | 2).string(i);
  for (const o of n.outputs) w.uint32((2 << 3) | 2).string(o);
  if (n.name) w.uint32((3 << 3) | 2).string(n.name);
  w.uint32((4 << 3) | 2).string(n.opType);
  for (const a of n.attributes) {
    w.uint32((5 << 3) | 2).fork();
    writeAttribute(w, a);
    w.ldelim();
  }
  if (n.domain) w.uint32((7 << 3) | 2).string(n.domain);
}

function writeValueInfo(w: Writer, v: OnnxValueInfo): void {
  w.uint32((1 << 3) | 2).string(v.name);
  if (v.elemType === 0 && v.shape === null) return;
  w.uint32((2 << 3) | 2).fork(); // TypeProto
  w.uint32((1 << 3) | 2).fork(); // TypeProto.Tensor
  if (v.elemType !== 0) w.uint32((1 << 3) | 0).int32(v.elemType);
  if (v.shape !== null) {
    w.uint32((2 << 3) | 2).fork();
    for (const d of v.shape) {
      w.uint32((1 << 3) | 2).fork();
      if (typeof d === 'number') w.uint32((1 << 3) | 0).int64(d);
      else if (typeof d === 'string') w.uint32((2 << 3) | 2).string(d);
      w.ldelim();
    }
    w.ldelim();
  }
  w.ldelim().ldelim();
}

function writeTensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.dims) w.uint32((1 << 3) | 0).int64(d);
  w.uint32((2 << 3) | 0).int32(TENSOR_FLOAT);
  w.uint32((8 << 3) | 2).string(t.name);
  const raw = new Uint8Array(t.floatData.length * 4);
  const view = new DataView(raw.buffer);
  t.floatData.forEach((x, i) => view.setFloat32(i * 4, x, true));
  w.uint32((9 << 3) | 2).bytes(raw);
}

/** GraphProto fields adding `nodes` (field 1) and `outputs` (field 12), for `spliceGraph`. */
export function encodeGraphAdditions(nodes: OnnxNode[], outputs: OnnxValueInfo[]): Uint8Array {
  const w = new Writer();
  for (const n of nodes) {
    w.uint32((1 << 3) | 2).fork();
    writeNode(w, n);
    w.ldelim();
  }
  for (const o of outputs) {
    w.uint32((12 << 3) | 2).fork();
    writeValueInfo(w, o);
    w.ldelim();
  }
  return w.finish();
}

export interface ModelSpec {
  irVersion: number;
  opsets: Record<string, number>;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

/** Serialises a small model (float initializers only): for building graphs in tests and examples. */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const w = new Writer();
  w.uint32((1 << 3) | 0).int64(spec.irVersion);
  w.uint32((7 << 3) | 2).fork();
  for (const n of spec.nodes) {
    w.uint32((1 << 3) | 2).fork();
    writeNode(w, n);
    w.ldelim();
  }
  w.uint32((2 << 3) | 2).string('graph');
  for (const t of spec.initializers) {
    w.uint32((5 << 3) | 2).fork();
    writeTensor(w, t);
    w.ldelim();
  }
  for (const [field, list] of [[11, spec.inputs], [12, spec.outputs]] as const) {
    for (const v of list) {
      w.uint32((field << 3) | 2).fork();
      writeValueInfo(w, v);
      w.ldelim();
    }
  }
  w.ldelim();
  for (const [domain, version] of Object.entries(spec.opsets)) {
    w.uint32((8 << 3) | 2).fork();
    if (domain) w.uint32((1 << 3) | 2).string(domain);
    w.uint32((2 << 3) | 0).int64(version);
    w.ldelim();
  }
  return w.finish();
}
