/**
 * Graph surgery that makes an ONNX transformer report its attention weights: find the Softmax of
 * every attention block and add its output as a graph output named `attentions.<layer>`.
 *
 * An attention Softmax is one that
 *  - normalises the last axis,
 *  - reads (through a short chain of scale / mask / cast / reshape ops) the product of two
 *    activations — the scores Q·Kᵀ, from a MatMul, MatMulInteger, QLinearMatMul, FusedMatMul or Einsum —
 *  - and feeds (directly or through cast / dropout / (de)quantisation) the left operand of a
 *    product with another activation — the weighted sum P·V.
 * A classifier's Softmax over logits fails the first test of the chain (its MatMul has a weight).
 *
 * Layers are numbered in graph order (ONNX nodes are topologically sorted). Each exposed tensor goes
 * through a `Cast(to=float)` so it arrives as float32 whatever the model's precision. The edit only
 * appends bytes to the graph: every other field of the model is kept byte for byte.
 *
 * @example
 * const { bytes: edited, outputNames } = exposeAttentions(new Uint8Array(await res.arrayBuffer()));
 * const session = await ort.InferenceSession.create(edited); // session.outputNames ⊇ outputNames
 */
import { encodeGraphAdditions } from './onnx-encode';
import { ATTRIBUTE_INT, TENSOR_FLOAT, decodeModel, spliceGraph, type OnnxModel, type OnnxNode, type OnnxValueInfo } from './onnx-proto';

export type SurgeryFailureKind = 'invalid-model' | 'fused-attention' | 'no-attention';

export class AttentionSurgeryError extends Error {
  readonly kind: SurgeryFailureKind;
  /** For `fused-attention`: the fused operators found, e.g. `['com.microsoft.Attention']`. */
  readonly fusedOps: string[];
  constructor(kind: SurgeryFailureKind, message: string, fusedOps: string[] = []) {
    super(message);
    this.name = 'AttentionSurgeryError';
    this.kind = kind;
    this.fusedOps = fusedOps;
  }
}

export interface AttentionSoftmax {
  layer: number;
  /** The Softmax node's name (may be empty in hand-written graphs). */
  softmax: string;
  /** The tensor the Softmax writes. */
  probabilities: string;
  /** The op types of the score product and of the value product, e.g. `['MatMul', 'MatMul']`. */
  products: [string, string];
}

export interface ExposedAttentions {
  bytes: Uint8Array;
  /** `attentions.0` … in layer order. */
  outputNames: string[];
  /** False when the graph already had `attentions.*` outputs and was returned unchanged. */
  edited: boolean;
  softmaxes: AttentionSoftmax[];
}

/** Fused attention kernels: their Softmax is inside the kernel, out of reach of a graph edit. */
const FUSED_ATTENTION = new Set([
  'Attention', 'MultiHeadAttention', 'PackedAttention', 'PackedMultiHeadAttention', 'GroupQueryAttention',
  'QAttention', 'DecoderAttention', 'DecoderMaskedMultiHeadAttention', 'DecoderMaskedSelfAttention',
  'LongformerAttention', 'SparseAttention', 'QOrderedAttention', 'MultiHeadAttentionQuantized',
]);

/** Products of two tensors, with the input positions of their operands. */
const PRODUCTS: Record<string, [number, number]> = {
  MatMul: [0, 1], MatMulInteger: [0, 1], FusedMatMul: [0, 1], Einsum: [0, 1], QLinearMatMul: [0, 3],
};

/** Ops between the score product and the Softmax: scaling, masking, casts, reshapes, soft-capping. */
const SCORE_CHAIN = new Set([
  'Add', 'Sub', 'Mul', 'Div', 'Where', 'Cast', 'Reshape', 'Transpose', 'Identity', 'Squeeze', 'Unsqueeze',
  'Expand', 'Max', 'Min', 'Clip', 'Tanh', 'DequantizeLinear',
]);

/** Ops between the Softmax and the value product: casts, dropout, (de)quantisation, head masks, reshapes. */
const PROBABILITY_CHAIN = new Set([
  'Cast', 'Identity', 'Dropout', 'DynamicQuantizeLinear', 'QuantizeLinear', 'DequantizeLinear', 'Reshape',
  'Where', 'Mul', 'Squeeze', 'Unsqueeze',
]);

const MAX_CHAIN = 8;
const OUTPUT_NAME = /^attentions\.\d+$/;

interface GraphIndex {
  producer: Map<string, OnnxNode>;
  consumers: Map<string, OnnxNode[]>;
  /** Initializers and Constant outputs: weights, not activations. */
  constants: Set<string>;
  valueInfo: Map<string, OnnxValueInfo>;
}

function indexGraph(model: OnnxModel): GraphIndex {
  const { graph } = model;
  const producer = new Map<string, OnnxNode>();
  const consumers = new Map<string, OnnxNode[]>();
  const constants = new Set(graph.initializerNames);
  for (const node of graph.nodes) {
    for (const o of node.outputs) if (o) producer.set(o, node);
    for (const i of node.inputs) if (i) (consumers.get(i) ?? consumers.set(i, []).get(i)!).push(node);
    if (node.opType === 'Constant' && node.domain === '') for (const o of node.outputs) constants.add(o);
  }
  const valueInfo = new Map<string, OnnxValueInfo>();
  for (const v of [...graph.inputs, ...graph.valueInfo, ...graph.outputs]) valueInfo.set(v.name, v);
  return { producer, consumers, constants, valueInfo };
}

const isActivation = (name: string | undefined, index: GraphIndex): name is string =>
  name !== undefined && name !== '' && !index.constants.has(name);

function productOperands(node: OnnxNode): [string | undefined, string | undefined] | null {
  const positions = PRODUCTS[node.opType];
  if (!positions || (node.domain !== '' && node.domain !== 'com.microsoft')) return null;
  return [node.inputs[positions[0]], node.inputs[positions[1]]];
}

/** The Q·Kᵀ product that the Softmax's input derives from, or null. */
function findScoreProduct(softmax: OnnxNode, index: GraphIndex): OnnxNode | null {
  let frontier = [softmax.inputs[0]];
  const seen = new Set<string>();
  for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
    const next: (string | undefined)[] = [];
    for (const name of frontier) {
      if (!isActivation(name, index) || seen.has(name)) continue;
      seen.add(name);
      const node = index.producer.get(name);
      if (!node) continue;
      const operands = productOperands(node);
      if (operands) {
        if (isActivation(operands[0], index) && isActivation(operands[1], index)) return node;
        continue; // a product with a weight: a projection, not attention scores
      }
      if (SCORE_CHAIN.has(node.opType) && node.domain === '') next.push(...node.inputs);
    }
    frontier = next;
  }
  return null;
}

/** The P·V product that the Softmax's output feeds as left operand, or null. */
function findValueProduct(softmax: OnnxNode, index: GraphIndex): OnnxNode | null {
  let frontier = [softmax.outputs[0]!];
  for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const name of frontier) {
      for (const node of index.consumers.get(name) ?? []) {
        const operands = productOperands(node);
        if (operands) {
          const carried = node.opType === 'Einsum' ? operands.indexOf(name) : operands[0] === name ? 0 : -1;
          if (carried !== -1 && isActivation(operands[1 - carried], index)) return node;
          continue;
        }
        if (PROBABILITY_CHAIN.has(node.opType) && node.domain === '' && node.outputs[0]) next.push(node.outputs[0]);
      }
    }
    frontier = next;
  }
  return null;
}

/** Whether the Softmax normalises the last axis of its input. */
function normalisesLastAxis(softmax: OnnxNode, model: OnnxModel, index: GraphIndex): boolean {
  const axisAttr = softmax.attributes.find((a) => a.name === 'axis');
  const opset = model.opsets.get('') ?? 1;
  const axis = axisAttr?.i ?? (opset >= 13 ? -1 : 1);
  if (axis === -1) return true;
  const shape = index.valueInfo.get(softmax.inputs[0] ?? '')?.shape ?? index.valueInfo.get(softmax.outputs[0] ?? '')?.shape;
  // Rank unknown: attention probabilities are [batch, heads, query, key], so the last axis is 3.
  return shape ? axis === shape.length - 1 : axis === 3;
}

/** Every attention Softmax of the model's main graph, in layer order. */
export function findAttentionSoftmaxes(model: OnnxModel): AttentionSoftmax[] {
  const index = indexGraph(model);
  const found: AttentionSoftmax[] = [];
  for (const node of model.graph.nodes) {
    if (node.opType !== 'Softmax' || node.domain !== '' || !node.outputs[0]) continue;
    if (!normalisesLastAxis(node, model, index)) continue;
    const scores = findScoreProduct(node, index);
    const values = scores && findValueProduct(node, index);
    if (!scores || !values) continue;
    found.push({ layer: found.length, softmax: node.name, probabilities: node.outputs[0], products: [scores.opType, values.opType] });
  }
  return found;
}

function fusedAttentionOps(model: OnnxModel): string[] {
  const ops = new Set<string>();
  for (const n of model.graph.nodes) {
    if (FUSED_ATTENTION.has(n.opType) && (n.domain === 'com.microsoft' || n.domain === '')) ops.add(n.domain ? `${n.domain}.${n.opType}` : n.opType);
  }
  return [...ops].sort();
}

/**
 * Returns the model with its attention probabilities as extra outputs `attentions.0 …`.
 * @throws AttentionSurgeryError `invalid-model` (not ONNX), `fused-attention` (a fused kernel hides the
 *   Softmax), `no-attention` (no Softmax shaped like attention).
 */
export function exposeAttentions(bytes: Uint8Array): ExposedAttentions {
  let model: OnnxModel;
  try {
    model = decodeModel(bytes);
  } catch (error) {
    throw new AttentionSurgeryError('invalid-model', error instanceof Error ? error.message : String(error));
  }
  const existing = model.graph.outputs.map((o) => o.name).filter((n) => OUTPUT_NAME.test(n));
  const softmaxes = findAttentionSoftmaxes(model);
  if (existing.length > 0) {
    const sorted = existing.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    return { bytes, outputNames: sorted, edited: false, softmaxes };
  }
  if (softmaxes.length === 0) {
    const fused = fusedAttentionOps(model);
    if (fused.length > 0) {
      throw new AttentionSurgeryError('fused-attention', `attention is computed inside fused operators (${fused.join(', ')}), whose weights a graph edit cannot reach`, fused);
    }
    throw new AttentionSurgeryError('no-attention', 'no Softmax shaped like attention (Q·Kᵀ → Softmax → ·V) was found in the graph');
  }
  const taken = new Set<string>([...model.graph.inputs.map((i) => i.name), ...model.graph.nodes.flatMap((n) => n.outputs)]);
  const names = softmaxes.map((s) => `attentions.${s.layer}`);
  const clash = names.find((n) => taken.has(n));
  if (clash) throw new AttentionSurgeryError('invalid-model', `the graph already has a tensor named "${clash}" that is not an output`);
  const index = indexGraph(model);
  const nodes: OnnxNode[] = softmaxes.map((s, i) => ({
    name: `expose_attentions/Cast_${s.layer}`,
    opType: 'Cast',
    domain: '',
    inputs: [s.probabilities],
    outputs: [names[i]!],
    attributes: [{ name: 'to', type: ATTRIBUTE_INT, i: TENSOR_FLOAT }],
  }));
  const outputs: OnnxValueInfo[] = softmaxes.map((s, i) => ({
    name: names[i]!,
    elemType: TENSOR_FLOAT,
    shape: index.valueInfo.get(s.probabilities)?.shape ?? null,
  }));
  return { bytes: spliceGraph(bytes, encodeGraphAdditions(nodes, outputs)), outputNames: names, edited: true, softmaxes };
}
