// @vitest-environment node
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { AttentionSurgeryError, exposeAttentions } from './expose-attentions';
import { encodeModel, type ModelSpec } from './onnx-encode';
import { decodeModel, type OnnxNode } from './onnx-proto';

const node = (opType: string, inputs: string[], outputs: string[], attributes: OnnxNode['attributes'] = [], domain = ''): OnnxNode => ({
  name: `${opType}_${outputs[0]}`, opType, domain, inputs, outputs, attributes,
});
const axis = (i: number) => ({ name: 'axis', type: 2, i });
const qkv = ['q', 'k', 'v'].map((name) => ({ name, elemType: 1, shape: [1, 1, 2, 2] }));

/** One attention head: softmax(q·kᵀ / 2) · v. */
const attentionGraph: ModelSpec = {
  irVersion: 8,
  opsets: { '': 17 },
  nodes: [
    node('Transpose', ['k'], ['kt'], [{ name: 'perm', type: 7, ints: [0, 1, 3, 2] }]),
    node('MatMul', ['q', 'kt'], ['scores']),
    node('Div', ['scores', 'two'], ['scaled']),
    node('Softmax', ['scaled'], ['probs'], [axis(-1)]),
    node('MatMul', ['probs', 'v'], ['context']),
  ],
  initializers: [{ name: 'two', dims: [], floatData: new Float32Array([2]) }],
  inputs: qkv,
  outputs: [{ name: 'context', elemType: 1, shape: null }],
};

const tensor = (values: number[]) => new ort.Tensor('float32', Float32Array.from(values), [1, 1, 2, 2]);
const q = tensor([1, 0, 0, 1]);
const k = tensor([1, 0, 0, 2]);
const v = tensor([1, 2, 3, 4]);

async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('exposeAttentions(bytes) on a hand-built graph', () => {
  it('adds attentions.0 holding softmax(q·kᵀ/2), and keeps the original output', { timeout: 30_000 }, async () => {
    const result = exposeAttentions(encodeModel(attentionGraph));
    expect(result.outputNames).toEqual(['attentions.0']);
    expect(result.edited).toBe(true);
    expect(result.softmaxes).toEqual([{ layer: 0, softmax: 'Softmax_probs', probabilities: 'probs', products: ['MatMul', 'MatMul'] }]);
    const out = await run(result.bytes, { q, k, v });
    // scores/2 = [[0.5, 0], [0, 1]]; rows: e^0.5/(e^0.5+1), 1/(e^0.5+1); 1/(1+e), e/(1+e)
    const expected = [0.6224593, 0.3775407, 0.2689414, 0.7310586];
    expect(out['attentions.0']!.dims).toEqual([1, 1, 2, 2]);
    [...(out['attentions.0']!.data as Float32Array)].forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 6));
    const context = [...(out.context!.data as Float32Array)];
    expect(context[0]).toBeCloseTo(expected[0]! * 1 + expected[1]! * 3, 5);
    expect(context[3]).toBeCloseTo(expected[2]! * 2 + expected[3]! * 4, 5);
  });

  it('numbers layers in graph order and follows casts and dropout to the value product', () => {
    const spec: ModelSpec = {
      ...attentionGraph,
      nodes: [
        ...attentionGraph.nodes,
        node('MatMul', ['context', 'kt'], ['scores2']),
        node('Softmax', ['scores2'], ['probs2'], [axis(3)]),
        node('Cast', ['probs2'], ['probs2c'], [{ name: 'to', type: 2, i: 1 }]),
        node('Dropout', ['probs2c'], ['probs2d']),
        node('MatMul', ['probs2d', 'v'], ['context2']),
      ],
      outputs: [{ name: 'context2', elemType: 1, shape: null }],
    };
    const result = exposeAttentions(encodeModel(spec));
    expect(result.softmaxes.map((s) => [s.layer, s.probabilities])).toEqual([[0, 'probs'], [1, 'probs2']]);
    const edited = decodeModel(result.bytes);
    expect(edited.graph.outputs.map((o) => o.name)).toEqual(['context2', 'attentions.0', 'attentions.1']);
    expect(edited.graph.nodes.slice(-2).map((n) => [n.opType, n.inputs[0], n.outputs[0]])).toEqual([
      ['Cast', 'probs', 'attentions.0'],
      ['Cast', 'probs2', 'attentions.1'],
    ]);
  });

  it('finds attention whose products are dynamically quantised (MatMulInteger), as in int8 Hub exports', () => {
    const dql = (x: string) => node('DynamicQuantizeLinear', [x], [`${x}_q`, `${x}_scale`, `${x}_zero`]);
    const spec: ModelSpec = {
      ...attentionGraph,
      nodes: [
        node('Transpose', ['k'], ['kt'], [{ name: 'perm', type: 7, ints: [0, 1, 3, 2] }]),
        dql('q'), dql('kt'),
        node('MatMulInteger', ['q_q', 'kt_q', 'q_zero', 'kt_zero'], ['scores_i']),
        node('Cast', ['scores_i'], ['scores_f'], [{ name: 'to', type: 2, i: 1 }]),
        node('Mul', ['q_scale', 'kt_scale'], ['scale']),
        node('Mul', ['scores_f', 'scale'], ['scores']),
        node('Div', ['scores', 'two'], ['scaled']),
        node('Softmax', ['scaled'], ['probs'], [axis(-1)]),
        dql('probs'), dql('v'),
        node('MatMulInteger', ['probs_q', 'v_q', 'probs_zero', 'v_zero'], ['context_i']),
      ],
      outputs: [{ name: 'context_i', elemType: 6, shape: null }],
    };
    expect(exposeAttentions(encodeModel(spec)).softmaxes).toEqual([
      { layer: 0, softmax: 'Softmax_probs', probabilities: 'probs', products: ['MatMulInteger', 'MatMulInteger'] },
    ]);
  });

  it('ignores a classifier Softmax (logits from a weight) and a Softmax over another axis', () => {
    const spec: ModelSpec = {
      ...attentionGraph,
      nodes: [
        ...attentionGraph.nodes,
        node('MatMul', ['context', 'w'], ['logits']),
        node('Softmax', ['logits'], ['classes'], [axis(-1)]),
        node('MatMul', ['q', 'kt'], ['s2']),
        node('Softmax', ['s2'], ['p2'], [axis(1)]),
        node('MatMul', ['p2', 'v'], ['c2']),
      ],
      initializers: [...attentionGraph.initializers, { name: 'w', dims: [2, 2], floatData: new Float32Array(4) }],
      outputs: [{ name: 'classes', elemType: 1, shape: null }, { name: 'c2', elemType: 1, shape: null }],
    };
    expect(exposeAttentions(encodeModel(spec)).softmaxes.map((s) => s.probabilities)).toEqual(['probs']);
  });

  it('says so when attention is fused into a com.microsoft Attention kernel', () => {
    const fused: ModelSpec = {
      irVersion: 8,
      opsets: { '': 17, 'com.microsoft': 1 },
      nodes: [
        node('Attention', ['x', 'w', 'b', 'mask'], ['y'], [{ name: 'num_heads', type: 2, i: 2 }], 'com.microsoft'),
        node('Softmax', ['y'], ['classes'], [axis(-1)]),
      ],
      initializers: [{ name: 'w', dims: [2, 6], floatData: new Float32Array(12) }, { name: 'b', dims: [6], floatData: new Float32Array(6) }],
      inputs: [{ name: 'x', elemType: 1, shape: [1, 3, 2] }, { name: 'mask', elemType: 6, shape: [1, 3] }],
      outputs: [{ name: 'classes', elemType: 1, shape: null }],
    };
    const failure = (() => {
      try {
        exposeAttentions(encodeModel(fused));
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(AttentionSurgeryError);
    expect(failure).toMatchObject({ kind: 'fused-attention', fusedOps: ['com.microsoft.Attention'] });
  });

  it('says so for the fused-bert fixture (a runnable model with one com.microsoft Attention node)', () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/attention/fused-bert/onnx/model.onnx'));
    expect(() => exposeAttentions(bytes)).toThrow(expect.objectContaining({ kind: 'fused-attention', fusedOps: ['com.microsoft.Attention'] }));
  });

  it('says so when there is no attention at all, and when the bytes are not ONNX', () => {
    const mlp: ModelSpec = { ...attentionGraph, nodes: [node('Softmax', ['q'], ['p'], [axis(-1)])], outputs: [{ name: 'p', elemType: 1, shape: null }] };
    expect(() => exposeAttentions(encodeModel(mlp))).toThrow(expect.objectContaining({ kind: 'no-attention' }));
    expect(() => exposeAttentions(new TextEncoder().encode('hello'))).toThrow(expect.objectContaining({ kind: 'invalid-model' }));
  });
});

describe('exposeAttentions(bytes) on tiny-bert exported without attentions', () => {
  const reference = JSON.parse(readFileSync('tests/fixtures/models/tiny-bert/reference.json', 'utf8')) as {
    cases: { input_ids: number[]; token_type_ids: number[] }[];
  };
  const feeds = (c: { input_ids: number[]; token_type_ids: number[] }) => {
    const ids = (xs: number[]) => new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);
    return { input_ids: ids(c.input_ids), attention_mask: ids(c.input_ids.map(() => 1)), token_type_ids: ids(c.token_type_ids) };
  };

  for (const file of ['model.onnx', 'model_quantized.onnx']) {
    it(`${file}: gives the same attentions.* as the export with attentions`, { timeout: 30_000 }, async () => {
      const withAttn = new Uint8Array(readFileSync(`tests/fixtures/models/tiny-bert/onnx/${file}`));
      const without = new Uint8Array(readFileSync(`tests/fixtures/models/tiny-bert-noattn/onnx/${file}`));
      const edited = exposeAttentions(without);
      expect(edited.outputNames).toEqual(['attentions.0', 'attentions.1']);
      expect(exposeAttentions(withAttn)).toMatchObject({ edited: false, outputNames: ['attentions.0', 'attentions.1'] });
      for (const c of reference.cases) {
        const [expected, actual] = await Promise.all([run(withAttn, feeds(c)), run(edited.bytes, feeds(c))]);
        for (const name of ['last_hidden_state', 'attentions.0', 'attentions.1']) {
          expect(actual[name]!.dims).toEqual(expected[name]!.dims);
          const a = actual[name]!.data as Float32Array;
          const e = expected[name]!.data as Float32Array;
          expect(Math.max(...a.map((x, i) => Math.abs(x - e[i]!)))).toBeLessThanOrEqual(1e-6);
        }
      }
    });
  }
});
