import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeGraphAdditions, encodeModel, type ModelSpec } from './onnx-encode';
import { decodeModel, locateGraph, spliceGraph } from './onnx-proto';

const tinyBert = new Uint8Array(readFileSync('tests/fixtures/models/tiny-bert/onnx/model.onnx'));

const spec: ModelSpec = {
  irVersion: 8,
  opsets: { '': 17, 'com.microsoft': 1 },
  nodes: [
    { name: 'scale', opType: 'Mul', domain: '', inputs: ['x', 'two'], outputs: ['y'], attributes: [] },
    { name: 'sm', opType: 'Softmax', domain: '', inputs: ['y'], outputs: ['z'], attributes: [{ name: 'axis', type: 2, i: -1 }] },
    { name: 'perm', opType: 'Transpose', domain: 'com.example', inputs: ['z'], outputs: ['w'], attributes: [{ name: 'perm', type: 7, ints: [0, 2, 1] }] },
  ],
  initializers: [{ name: 'two', dims: [1], floatData: new Float32Array([2]) }],
  inputs: [{ name: 'x', elemType: 1, shape: ['batch', 3, null] }],
  outputs: [{ name: 'w', elemType: 1, shape: null }],
};

describe('decodeModel(bytes)', () => {
  it('reads back what encodeModel(spec) wrote', () => {
    const m = decodeModel(encodeModel(spec));
    expect(m.irVersion).toBe(8);
    expect([...m.opsets]).toEqual([['', 17], ['com.microsoft', 1]]);
    expect(m.graph.nodes).toEqual(spec.nodes);
    expect([...m.graph.initializerNames]).toEqual(['two']);
    expect(m.graph.inputs).toEqual(spec.inputs);
    expect(m.graph.outputs).toEqual([{ name: 'w', elemType: 1, shape: null }]);
  });

  it('reads an exported BERT: inputs, outputs with symbolic dims, Softmax axis', () => {
    const m = decodeModel(tinyBert);
    expect(m.opsets.get('')).toBe(17);
    expect(m.graph.inputs.map((i) => i.name)).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(m.graph.outputs.map((o) => o.name)).toEqual(['last_hidden_state', 'attentions.0', 'attentions.1']);
    expect(m.graph.outputs[1]).toEqual({ name: 'attentions.0', elemType: 1, shape: ['batch_size', 2, 'sequence_length', 'sequence_length'] });
    const softmaxes = m.graph.nodes.filter((n) => n.opType === 'Softmax');
    expect(softmaxes.map((n) => n.attributes)).toEqual([[{ name: 'axis', type: 2, i: -1 }], [{ name: 'axis', type: 2, i: -1 }]]);
    expect(m.graph.initializerNames.has('bert.embeddings.word_embeddings.weight')).toBe(true);
  });

  it('reads ints whether packed or not', () => {
    // AttributeProto { name: "p" (1), ints: packed [1, 2] (8), ints: 3 (8), type: INTS (20) } inside a NodeProto inside a graph.
    const attribute = [0x0a, 0x01, 0x70, 0x42, 0x02, 0x01, 0x02, 0x40, 0x03, 0xa0, 0x01, 0x07];
    const node = [0x22, 0x01, 0x54, 0x2a, attribute.length, ...attribute]; // op_type "T", attribute
    const graph = [0x0a, node.length, ...node];
    const m = decodeModel(new Uint8Array([0x08, 0x08, 0x3a, graph.length, ...graph]));
    expect(m.graph.nodes[0]!.attributes).toEqual([{ name: 'p', type: 7, ints: [1, 2, 3] }]);
  });

  it('rejects bytes that are not a model', () => {
    expect(() => decodeModel(new TextEncoder().encode('{"not": "onnx"}'))).toThrow(/not an ONNX model/);
    expect(() => decodeModel(tinyBert.subarray(0, 5000))).toThrow(/not an ONNX model/);
    expect(() => decodeModel(new Uint8Array([0x08, 0x08]))).toThrow(/no graph/);
  });
});

describe('spliceGraph(model, fields)', () => {
  it('appends nodes and outputs and keeps every other byte', () => {
    const bytes = encodeModel(spec);
    const span = locateGraph(bytes);
    const added = encodeGraphAdditions(
      [{ name: 'c', opType: 'Cast', domain: '', inputs: ['z'], outputs: ['z32'], attributes: [{ name: 'to', type: 2, i: 1 }] }],
      [{ name: 'z32', elemType: 1, shape: ['b', 3, 3] }],
    );
    const out = spliceGraph(bytes, added);
    expect(out.length).toBeGreaterThanOrEqual(bytes.length + added.length);
    expect(out.subarray(0, span.tagStart)).toEqual(bytes.subarray(0, span.tagStart));
    expect(out.subarray(out.length - (bytes.length - span.end))).toEqual(bytes.subarray(span.end));
    const m = decodeModel(out);
    expect(m.graph.nodes.map((n) => n.name)).toEqual(['scale', 'sm', 'perm', 'c']);
    expect(m.graph.outputs).toEqual([{ name: 'w', elemType: 1, shape: null }, { name: 'z32', elemType: 1, shape: ['b', 3, 3] }]);
    expect([...m.opsets]).toEqual([['', 17], ['com.microsoft', 1]]);
  });
});
