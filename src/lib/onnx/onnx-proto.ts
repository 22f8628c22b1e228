/**
 * A minimal, read-mostly view of the ONNX protobuf format (onnx/onnx.proto, MIT/Apache-2.0):
 * just the messages and fields that finding and exposing attention needs. Field numbers:
 *
 *   ModelProto        { int64 ir_version = 1; OperatorSetIdProto opset_import = 8; GraphProto graph = 7; }
 *   OperatorSetIdProto{ string domain = 1; int64 version = 2; }
 *   GraphProto        { NodeProto node = 1; string name = 2; TensorProto initializer = 5;
 *                       ValueInfoProto input = 11; ValueInfoProto output = 12; ValueInfoProto value_info = 13; }
 *   NodeProto         { string input = 1; string output = 2; string name = 3; string op_type = 4;
 *                       AttributeProto attribute = 5; string domain = 7; }
 *   AttributeProto    { string name = 1; float f = 2; int64 i = 3; bytes s = 4; int64 ints = 8; AttributeType type = 20; }
 *   ValueInfoProto    { string name = 1; TypeProto type = 2; }
 *   TypeProto         { Tensor tensor_type = 1; }   Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
 *   TensorShapeProto  { Dimension dim = 1; }        Dimension { int64 dim_value = 1; string dim_param = 2; }
 *   TensorProto       { int64 dims = 1; int32 data_type = 2; float float_data = 4; string name = 8; bytes raw_data = 9; }
 *
 * Decoders and encoders are written out by hand on `protobufjs/minimal`'s Reader and Writer (the
 * shape `pbjs -t static-module` generates) rather than built from a reflected schema: protobufjs's
 * reflection compiles its coders with `new Function`, which the app's Content-Security-Policy
 * (`script-src 'self' 'wasm-unsafe-eval'`) forbids. Every field not listed above is skipped on read;
 * nothing is ever re-encoded from this view, so no field of a model is lost (see `spliceGraph`).
 */
import { Reader, Writer, util } from 'protobufjs/minimal.js';

/** TensorProto.DataType FLOAT. */
export const TENSOR_FLOAT = 1;
/** AttributeProto.AttributeType INT. */
export const ATTRIBUTE_INT = 2;

export interface OnnxAttribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  ints?: number[];
}

export interface OnnxNode {
  name: string;
  opType: string;
  /** '' is the default ONNX domain ('ai.onnx'). */
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

export interface OnnxValueInfo {
  name: string;
  /** TensorProto.DataType (1 = float32, 10 = float16); 0 when not a tensor or not given. */
  elemType: number;
  /** One entry per dimension: a size, a symbolic name, or null when unknown; null when the rank is unknown. */
  shape: (number | string | null)[] | null;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializerNames: Set<string>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion: number;
  /** Operator set version per domain ('' = ai.onnx). */
  opsets: Map<string, number>;
  graph: OnnxGraph;
}


type Long = Parameters<typeof util.LongBits.from>[0];
const toNumber = (v: Long): number => (typeof v === 'number' ? v : util.LongBits.from(v).toNumber(false));

/** Where one length-delimited field sits in a buffer: `tagStart` (its key) … `end`, payload `start` … `end`. */
export interface FieldSpan {
  tagStart: number;
  start: number;
  end: number;
}

/** Reads the top-level fields of a message, handing each to `onField`, which must consume it or return false. */
function readFields(reader: Reader, end: number, onField: (field: number, wireType: number) => boolean): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 0) throw new RangeError(`invalid protobuf: field number 0 at byte ${reader.pos}`);
    if (!onField(field, wireType)) reader.skipType(wireType);
  }
  if (reader.pos !== end) throw new RangeError('invalid protobuf: a field runs past the end of its message');
}

/** A repeated int64 field, packed (wire type 2) or not (wire type 0). */
function readInt64s(reader: Reader, wireType: number, into: number[]): void {
  if (wireType !== 2) {
    into.push(toNumber(reader.int64()));
    return;
  }
  const end = reader.uint32() + reader.pos;
  while (reader.pos < end) into.push(toNumber(reader.int64()));
}

/** A Reader over `bytes`, also when they come from another realm (a test DOM, a worker's transfer). */
function readerOf(bytes: Uint8Array): Reader {
  const view: ArrayBufferView = bytes;
  return new Reader(view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}

function subReader(reader: Reader): number {
  return reader.uint32() + reader.pos;
}

function decodeAttribute(reader: Reader, end: number): OnnxAttribute {
  const a: OnnxAttribute = { name: '', type: 0 };
  readFields(reader, end, (field, wireType) => {
    if (field === 1 && wireType === 2) a.name = reader.string();
    else if (field === 2 && wireType === 5) a.f = reader.float();
    else if (field === 3 && wireType === 0) a.i = toNumber(reader.int64());
    else if (field === 8) readInt64s(reader, wireType, (a.ints ??= []));
    else if (field === 20 && wireType === 0) a.type = reader.int32();
    else return false;
    return true;
  });
  return a;
}

function decodeNode(reader: Reader, end: number): OnnxNode {
  const n: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: [] };
  readFields(reader, end, (field, wireType) => {
    if (wireType !== 2) return false;
    if (field === 1) n.inputs.push(reader.string());
    else if (field === 2) n.outputs.push(reader.string());
    else if (field === 3) n.name = reader.string();
    else if (field === 4) n.opType = reader.string();
    else if (field === 5) n.attributes.push(decodeAttribute(reader, subReader(reader)));
    else if (field === 7) n.domain = reader.string();
    else return false;
    return true;
  });
  return n;
}

function decodeShape(reader: Reader, end: number): (number | string | null)[] {
  const dims: (number | string | null)[] = [];
  readFields(reader, end, (field, wireType) => {
    if (field !== 1 || wireType !== 2) return false;
    let dim: number | string | null = null;
    readFields(reader, subReader(reader), (f, w) => {
      if (f === 1 && w === 0) dim = toNumber(reader.int64());
      else if (f === 2 && w === 2) dim = reader.string();
      else return false;
      return true;
    });
    dims.push(dim);
    return true;
  });
  return dims;
}

function decodeValueInfo(reader: Reader, end: number): OnnxValueInfo {
  const v: OnnxValueInfo = { name: '', elemType: 0, shape: null };
  readFields(reader, end, (field, wireType) => {
    if (field === 1 && wireType === 2) v.name = reader.string();
    else if (field === 2 && wireType === 2) {
      readFields(reader, subReader(reader), (f, w) => {
        if (f !== 1 || w !== 2) return false; // only tensor types
        readFields(reader, subReader(reader), (tf, tw) => {
          if (tf === 1 && tw === 0) v.elemType = reader.int32();
          else if (tf === 2 && tw === 2) v.shape = decodeShape(reader, subReader(reader));
          else return false;
          return true;
        });
        return true;
      });
    } else return false;
    return true;
  });
  return v;
}

function decodeTensorName(reader: Reader, end: number): string {
  let name = '';
  readFields(reader, end, (field, wireType) => {
    if (field !== 8 || wireType !== 2) return false;
    name = reader.string();
    return true;
  });
  return name;
}

function decodeGraphInto(graph: OnnxGraph, reader: Reader, end: number): void {
  readFields(reader, end, (field, wireType) => {
    if (wireType !== 2) return false;
    if (field === 1) graph.nodes.push(decodeNode(reader, subReader(reader)));
    else if (field === 2) graph.name = reader.string();
    else if (field === 5) graph.initializerNames.add(decodeTensorName(reader, subReader(reader)));
    else if (field === 11) graph.inputs.push(decodeValueInfo(reader, subReader(reader)));
    else if (field === 12) graph.outputs.push(decodeValueInfo(reader, subReader(reader)));
    else if (field === 13) graph.valueInfo.push(decodeValueInfo(reader, subReader(reader)));
    else return false;
    return true;
  });
}

/**
 * Decodes the parts of a serialised ModelProto listed above.
 * @throws RangeError when the bytes are not a protobuf message or hold no graph.
 */
export function decodeModel(bytes: Uint8Array): OnnxModel {
  const reader = readerOf(bytes);
  const model: OnnxModel = {
    irVersion: 0,
    opsets: new Map(),
    graph: { name: '', nodes: [], initializerNames: new Set(), inputs: [], outputs: [], valueInfo: [] },
  };
  let graphs = 0;
  try {
    readFields(reader, bytes.length, (field, wireType) => {
      if (field === 1 && wireType === 0) model.irVersion = toNumber(reader.int64());
      else if (field === 7 && wireType === 2) {
        // A message field repeated on the wire merges into one (protobuf semantics).
        decodeGraphInto(model.graph, reader, subReader(reader));
        graphs++;
      } else if (field === 8 && wireType === 2) {
        let domain = '';
        let version = 0;
        readFields(reader, subReader(reader), (f, w) => {
          if (f === 1 && w === 2) domain = reader.string();
          else if (f === 2 && w === 0) version = toNumber(reader.int64());
          else return false;
          return true;
        });
        model.opsets.set(domain === 'ai.onnx' ? '' : domain, version);
      } else return false;
      return true;
    });
  } catch (error) {
    throw new RangeError(`not an ONNX model: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (graphs === 0) throw new RangeError('not an ONNX model: no graph');
  return model;
}

/** Where the model's graph field sits (the last one, where the wire has several). */
export function locateGraph(bytes: Uint8Array): FieldSpan {
  const reader = readerOf(bytes);
  let span: FieldSpan | null = null;
  while (reader.pos < bytes.length) {
    const tagStart = reader.pos;
    const tag = reader.uint32();
    if (tag >>> 3 === 7 && (tag & 7) === 2) {
      const length = reader.uint32();
      span = { tagStart, start: reader.pos, end: reader.pos + length };
      reader.pos += length;
      if (reader.pos > bytes.length) throw new RangeError('not an ONNX model: the graph runs past the end of the file');
    } else reader.skipType(tag & 7);
  }
  if (!span) throw new RangeError('not an ONNX model: no graph');
  return span;
}

/**
 * A copy of `model` whose graph has `graphFields` (encoded GraphProto fields, e.g. from
 * `encodeGraphAdditions` in onnx-encode.ts) appended. Every other byte is kept as it was: repeated fields
 * appended to a message add to their lists, in order.
 */
export function spliceGraph(model: Uint8Array, graphFields: Uint8Array): Uint8Array {
  const span = locateGraph(model);
  const header = new Writer().uint32((7 << 3) | 2).uint32(span.end - span.start + graphFields.length).finish();
  const out = new Uint8Array(span.tagStart + header.length + (span.end - span.start) + graphFields.length + (model.length - span.end));
  let at = 0;
  for (const part of [model.subarray(0, span.tagStart), header, model.subarray(span.start, span.end), graphFields, model.subarray(span.end)]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
