import { Reader } from 'protobufjs/minimal';

/**
 * A header-level reader of ONNX `ModelProto` bytes: graph inputs and outputs, operators, opsets,
 * without decoding (or copying) the weights. Field numbers follow onnx/onnx.proto (IR version 10).
 */

export interface OnnxValueInfo {
  name: string;
  /** ONNX `TensorProto.DataType`: 1 float, 6 int32, 7 int64, 9 bool, 10 float16 …; 0 when not a tensor. */
  elemType: number;
  /** Each axis: a size, a symbolic name, or null when unknown. */
  shape: (number | string | null)[] | null;
}

export interface OnnxOpset {
  domain: string;
  version: number;
}

export interface OnnxGraphSummary {
  irVersion: number;
  producerName: string;
  opsets: OnnxOpset[];
  /** Graph inputs the caller must feed (initializers listed as inputs are left out). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** Node count per operator, keyed `op_type` for the default domain and `domain::op_type` otherwise. */
  ops: Record<string, number>;
  nodeCount: number;
  initializerCount: number;
  /** Some weights live in external data files (`data_location = EXTERNAL`). */
  externalData: boolean;
}

export class OnnxParseError extends Error {
  override name = 'OnnxParseError';
}

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

function toNumber(v: { low: number; high: number } | number): number {
  return typeof v === 'number' ? v : v.high * 2 ** 32 + (v.low >>> 0);
}

/** Iterates the fields of one message ending at `end`; `visit` returns true when it consumed the field. */
function fields(r: Reader, end: number, visit: (field: number, wire: number) => boolean): void {
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 0) throw new OnnxParseError(`illegal field 0 at offset ${r.pos}`);
    if (!visit(field, wire)) r.skipType(wire, 0, field);
  }
  if (r.pos !== end) throw new OnnxParseError(`a message overran its length at offset ${r.pos}`);
}

/** The end offset of the length-delimited field the reader is at. */
function sub(r: Reader): number {
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) throw new OnnxParseError(`a field of ${len} bytes runs past the end of the file (${r.len} bytes): truncated?`);
  return end;
}

function readDim(r: Reader): number | string | null {
  const end = sub(r);
  let dim: number | string | null = null;
  fields(r, end, (f, w) => {
    if (f === 1 && w === WIRE_VARINT) dim = toNumber(r.int64() as never);
    else if (f === 2 && w === WIRE_LEN) dim = r.string();
    else return false;
    return true;
  });
  return dim;
}

function readTensorType(r: Reader, info: OnnxValueInfo): void {
  const end = sub(r);
  fields(r, end, (f, w) => {
    if (f === 1 && w === WIRE_VARINT) info.elemType = r.int32();
    else if (f === 2 && w === WIRE_LEN) {
      const shapeEnd = sub(r);
      const shape: (number | string | null)[] = [];
      fields(r, shapeEnd, (sf, sw) => {
        if (sf !== 1 || sw !== WIRE_LEN) return false;
        shape.push(readDim(r));
        return true;
      });
      info.shape = shape;
    } else return false;
    return true;
  });
}

function readValueInfo(r: Reader): OnnxValueInfo {
  const end = sub(r);
  const info: OnnxValueInfo = { name: '', elemType: 0, shape: null };
  fields(r, end, (f, w) => {
    if (f === 1 && w === WIRE_LEN) info.name = r.string();
    else if (f === 2 && w === WIRE_LEN) {
      const typeEnd = sub(r);
      fields(r, typeEnd, (tf, tw) => {
        if (tf !== 1 || tw !== WIRE_LEN) return false;
        readTensorType(r, info);
        return true;
      });
    } else return false;
    return true;
  });
  return info;
}

function readNode(r: Reader): { op: string; domain: string } {
  const end = sub(r);
  let op = '';
  let domain = '';
  fields(r, end, (f, w) => {
    if (f === 4 && w === WIRE_LEN) op = r.string();
    else if (f === 7 && w === WIRE_LEN) domain = r.string();
    else return false;
    return true;
  });
  if (op === '') throw new OnnxParseError('a node has no op_type');
  return { op, domain };
}

/** Initializer name and whether its data is external; `raw_data` is skipped, never copied. */
function readInitializer(r: Reader): { name: string; external: boolean } {
  const end = sub(r);
  let name = '';
  let external = false;
  fields(r, end, (f, w) => {
    if (f === 8 && w === WIRE_LEN) name = r.string();
    else if (f === 14 && w === WIRE_VARINT) external = r.int32() === 1;
    else return false;
    return true;
  });
  return { name, external };
}

function readOpset(r: Reader): OnnxOpset {
  const end = sub(r);
  const opset: OnnxOpset = { domain: '', version: 0 };
  fields(r, end, (f, w) => {
    if (f === 1 && w === WIRE_LEN) opset.domain = r.string();
    else if (f === 2 && w === WIRE_VARINT) opset.version = toNumber(r.int64() as never);
    else return false;
    return true;
  });
  return opset;
}

/**
 * Reads the header of an ONNX model. Throws `OnnxParseError` when the bytes are not a complete
 * ModelProto (truncated, corrupt, or not ONNX at all).
 * @example summarizeOnnx(bytes).outputs.map((o) => o.name) // ['last_hidden_state', 'attentions.0', …]
 */
export function summarizeOnnx(bytes: Uint8Array): OnnxGraphSummary {
  if (bytes.length < 8) throw new OnnxParseError(`only ${bytes.length} bytes`);
  const r = new Reader(bytes);
  const s: OnnxGraphSummary = {
    irVersion: 0,
    producerName: '',
    opsets: [],
    inputs: [],
    outputs: [],
    ops: {},
    nodeCount: 0,
    initializerCount: 0,
    externalData: false,
  };
  let sawGraph = false;
  const rawInputs: OnnxValueInfo[] = [];
  const initializers = new Set<string>();
  try {
    fields(r, r.len, (f, w) => {
      if (f === 1 && w === WIRE_VARINT) s.irVersion = toNumber(r.int64() as never);
      else if (f === 2 && w === WIRE_LEN) s.producerName = r.string();
      else if (f === 8 && w === WIRE_LEN) s.opsets.push(readOpset(r));
      else if (f === 7 && w === WIRE_LEN) {
        sawGraph = true;
        const end = sub(r);
        fields(r, end, (gf, gw) => {
          if (gw !== WIRE_LEN) return false;
          if (gf === 1) {
            const { op, domain } = readNode(r);
            const key = domain === '' || domain === 'ai.onnx' ? op : `${domain}::${op}`;
            s.ops[key] = (s.ops[key] ?? 0) + 1;
            s.nodeCount++;
          } else if (gf === 5) {
            const init = readInitializer(r);
            initializers.add(init.name);
            s.initializerCount++;
            if (init.external) s.externalData = true;
          } else if (gf === 11) rawInputs.push(readValueInfo(r));
          else if (gf === 12) s.outputs.push(readValueInfo(r));
          else return false;
          return true;
        });
      } else return false;
      return true;
    });
  } catch (e) {
    if (e instanceof OnnxParseError) throw e;
    throw new OnnxParseError(e instanceof Error ? e.message : String(e));
  }
  if (!sawGraph) throw new OnnxParseError('no graph');
  if (s.irVersion <= 0 || s.irVersion > 100) throw new OnnxParseError(`implausible IR version ${s.irVersion}`);
  if (s.irVersion >= 3 && s.opsets.length === 0) throw new OnnxParseError('no opset_import (truncated?)');
  if (s.outputs.length === 0) throw new OnnxParseError('the graph has no outputs');
  s.inputs = rawInputs.filter((i) => !initializers.has(i.name));
  return s;
}
