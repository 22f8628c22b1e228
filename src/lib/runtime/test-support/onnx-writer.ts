import { Writer } from 'protobufjs/minimal';

/**
 * Writes small ONNX models for tests (field numbers from onnx/onnx.proto). Only what the tests
 * need: typed inputs/outputs, nodes with int/float/ints attributes, float initializers.
 */

export interface TestValue {
  name: string;
  /** 1 float, 6 int32, 7 int64, 9 bool. */
  elemType: number;
  shape: (number | string)[];
}

export interface TestNode {
  op: string;
  inputs: string[];
  outputs: string[];
  domain?: string;
  attrs?: Record<string, number | number[]>;
  /** Float attributes (e.g. LayerNormalization epsilon). */
  floatAttrs?: Record<string, number>;
}

export interface TestInitializer {
  name: string;
  dims: number[];
  /** float32 values (data_type 1) or int64 values (data_type 7) when `int64` is set. */
  values: number[];
  int64?: boolean;
  external?: boolean;
}

export interface TestModel {
  irVersion?: number;
  opset?: number;
  extraOpsets?: { domain: string; version: number }[];
  inputs: TestValue[];
  outputs: TestValue[];
  nodes: TestNode[];
  initializers?: TestInitializer[];
}

const LEN = 2;
const VARINT = 0;
const tag = (field: number, wire: number) => (field << 3) | wire;

function valueInfo(w: Writer, field: number, v: TestValue): void {
  w.uint32(tag(field, LEN)).fork();
  w.uint32(tag(1, LEN)).string(v.name);
  w.uint32(tag(2, LEN)).fork(); // TypeProto
  w.uint32(tag(1, LEN)).fork(); // tensor_type
  w.uint32(tag(1, VARINT)).int32(v.elemType);
  w.uint32(tag(2, LEN)).fork(); // shape
  for (const d of v.shape) {
    w.uint32(tag(1, LEN)).fork();
    if (typeof d === 'number') w.uint32(tag(1, VARINT)).int64(d);
    else w.uint32(tag(2, LEN)).string(d);
    w.ldelim();
  }
  w.ldelim().ldelim().ldelim().ldelim();
}

function node(w: Writer, n: TestNode, i: number): void {
  w.uint32(tag(1, LEN)).fork();
  for (const x of n.inputs) w.uint32(tag(1, LEN)).string(x);
  for (const x of n.outputs) w.uint32(tag(2, LEN)).string(x);
  w.uint32(tag(3, LEN)).string(`${n.op}_${i}`);
  w.uint32(tag(4, LEN)).string(n.op);
  for (const [name, value] of Object.entries(n.attrs ?? {})) {
    w.uint32(tag(5, LEN)).fork();
    w.uint32(tag(1, LEN)).string(name);
    if (Array.isArray(value)) {
      for (const v of value) w.uint32(tag(8, VARINT)).int64(v);
      w.uint32(tag(20, VARINT)).int32(7); // INTS
    } else {
      w.uint32(tag(3, VARINT)).int64(value);
      w.uint32(tag(20, VARINT)).int32(2); // INT
    }
    w.ldelim();
  }
  for (const [name, value] of Object.entries(n.floatAttrs ?? {})) {
    w.uint32(tag(5, LEN)).fork();
    w.uint32(tag(1, LEN)).string(name);
    w.uint32(tag(2, 5)).float(value);
    w.uint32(tag(20, VARINT)).int32(1); // FLOAT
    w.ldelim();
  }
  if (n.domain !== undefined) w.uint32(tag(7, LEN)).string(n.domain);
  w.ldelim();
}

function initializer(w: Writer, t: TestInitializer): void {
  w.uint32(tag(5, LEN)).fork();
  for (const d of t.dims) w.uint32(tag(1, VARINT)).int64(d);
  w.uint32(tag(2, VARINT)).int32(t.int64 ? 7 : 1);
  w.uint32(tag(8, LEN)).string(t.name);
  if (t.external) {
    w.uint32(tag(13, LEN)).fork().uint32(tag(1, LEN)).string('location').uint32(tag(2, LEN)).string('weights.bin').ldelim();
    w.uint32(tag(14, VARINT)).int32(1);
  } else if (t.int64) {
    const raw = new BigInt64Array(t.values.map((v) => BigInt(v)));
    w.uint32(tag(9, LEN)).bytes(new Uint8Array(raw.buffer));
  } else {
    const raw = new Float32Array(t.values);
    w.uint32(tag(9, LEN)).bytes(new Uint8Array(raw.buffer));
  }
  w.ldelim();
}

/** Serialises a ModelProto. */
export function writeOnnx(m: TestModel): Uint8Array {
  const w = Writer.create();
  w.uint32(tag(1, VARINT)).int64(m.irVersion ?? 8);
  w.uint32(tag(2, LEN)).string('llm-lab-tests');
  w.uint32(tag(7, LEN)).fork();
  m.nodes.forEach((n, i) => node(w, n, i));
  w.uint32(tag(2, LEN)).string('test-graph');
  for (const t of m.initializers ?? []) initializer(w, t);
  for (const v of m.inputs) valueInfo(w, 11, v);
  for (const v of m.outputs) valueInfo(w, 12, v);
  w.ldelim();
  const opsets = [{ domain: '', version: m.opset ?? 17 }, ...(m.extraOpsets ?? [])];
  for (const o of opsets) {
    w.uint32(tag(8, LEN)).fork();
    if (o.domain) w.uint32(tag(1, LEN)).string(o.domain);
    w.uint32(tag(2, VARINT)).int64(o.version);
    w.ldelim();
  }
  return w.finish();
}

const ids = (name: string): TestValue => ({ name, elemType: 7, shape: ['batch_size', 'sequence_length'] });

/**
 * A runnable toy encoder with BERT's inputs: `last_hidden_state` = embedding lookup of `input_ids`
 * (hidden 4, vocab `vocab`), and `attentions.0` = softmax over a [batch, 1, seq, seq] score made
 * from the mask. Outputs depend on every input, so feeds built wrongly give wrong numbers.
 */
export function toyEncoder(vocab = 16, withAttentions = true): Uint8Array {
  const table: number[] = [];
  for (let v = 0; v < vocab; v++) table.push(v, -v, v % 3, 1);
  const outputs: TestValue[] = [{ name: 'last_hidden_state', elemType: 1, shape: ['batch_size', 'sequence_length', 4] }];
  const nodes: TestNode[] = [
    { op: 'Gather', inputs: ['table', 'input_ids'], outputs: ['emb'], attrs: { axis: 0 } },
    { op: 'Cast', inputs: ['token_type_ids'], outputs: ['types_f'], attrs: { to: 1 } },
    { op: 'Unsqueeze', inputs: ['types_f', 'axis_last'], outputs: ['types_3d'] },
    { op: 'Add', inputs: ['emb', 'types_3d'], outputs: ['last_hidden_state'] },
  ];
  if (withAttentions) {
    outputs.push({ name: 'attentions.0', elemType: 1, shape: ['batch_size', 1, 'sequence_length', 'sequence_length'] });
    nodes.push(
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attrs: { to: 1 } },
      { op: 'Unsqueeze', inputs: ['mask_f', 'axes_12'], outputs: ['mask_4d'] },
      { op: 'Mul', inputs: ['mask_4d', 'ten'], outputs: ['scores'] },
      { op: 'Expand', inputs: ['scores', 'square'], outputs: ['scores_sq'] },
      { op: 'Softmax', inputs: ['scores_sq'], outputs: ['attentions.0'], attrs: { axis: -1 } },
      { op: 'Shape', inputs: ['input_ids'], outputs: ['bs'] },
      { op: 'Gather', inputs: ['bs', 'one'], outputs: ['seq'], attrs: { axis: 0 } },
      { op: 'Gather', inputs: ['bs', 'zero'], outputs: ['batch'], attrs: { axis: 0 } },
      { op: 'Concat', inputs: ['batch', 'ones1', 'seq', 'seq'], outputs: ['square'], attrs: { axis: 0 } },
    );
  }
  return writeOnnx({
    inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    outputs,
    nodes,
    initializers: [
      { name: 'table', dims: [vocab, 4], values: table },
      { name: 'axis_last', dims: [1], values: [-1], int64: true },
      { name: 'axes_12', dims: [2], values: [1, 2], int64: true },
      { name: 'ten', dims: [], values: [10] },
      { name: 'one', dims: [1], values: [1], int64: true },
      { name: 'zero', dims: [1], values: [0], int64: true },
      { name: 'ones1', dims: [1], values: [1], int64: true },
    ],
  });
}

/**
 * A toy masked-LM head: `logits[b, t, :]` = row `input_ids[b, t]` of a `[vocab, vocab]` table that is
 * zero except at `[maskId, i] = ln(weights[i])`, so the softmax at a mask is known in closed form.
 */
export function toyMaskedLM(vocab: number, maskId: number, weights: Record<number, number>): Uint8Array {
  const table = new Array<number>(vocab * vocab).fill(0);
  for (const [i, w] of Object.entries(weights)) table[maskId * vocab + Number(i)] = Math.log(w);
  return writeOnnx({
    inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    outputs: [{ name: 'logits', elemType: 1, shape: ['batch_size', 'sequence_length', vocab] }],
    nodes: [{ op: 'Gather', inputs: ['table', 'input_ids'], outputs: ['logits'], attrs: { axis: 0 } }],
    initializers: [{ name: 'table', dims: [vocab, vocab], values: table }],
  });
}

/**
 * A graph with the given inputs whose outputs are copies (`Identity`) of the first input: made to be
 * probed by its input and output names (an image encoder's `pixel_values`, a decoder's `past_key_values.*`).
 * @example passThroughGraph([{ name: 'pixel_values', elemType: 1, shape: ['b', 3, 224, 224] }], ['last_hidden_state'])
 */
export function passThroughGraph(inputs: TestValue[], outputs: string[]): Uint8Array {
  const first = inputs[0];
  if (!first) throw new RangeError('passThroughGraph needs at least one input');
  return writeOnnx({
    inputs,
    outputs: outputs.map((name) => ({ name, elemType: first.elemType, shape: first.shape })),
    nodes: outputs.map((name) => ({ op: 'Identity', inputs: [first.name], outputs: [name] })),
  });
}
