import { describe, expect, it } from 'vitest';
import { OnnxParseError, summarizeOnnx } from './onnx-graph';
import { toyEncoder, writeOnnx } from './test-support/onnx-writer';

describe('summarizeOnnx', () => {
  it('summarizeOnnx(toy encoder) lists its inputs, outputs with shapes, operators and opset', () => {
    const s = summarizeOnnx(toyEncoder());
    expect(s.irVersion).toBe(8);
    expect(s.producerName).toBe('llm-lab-tests');
    expect(s.opsets).toEqual([{ domain: '', version: 17 }]);
    expect(s.inputs.map((i) => i.name)).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(s.inputs[0]).toEqual({ name: 'input_ids', elemType: 7, shape: ['batch_size', 'sequence_length'] });
    expect(s.outputs.map((o) => o.name)).toEqual(['last_hidden_state', 'attentions.0']);
    expect(s.outputs[0]!.shape).toEqual(['batch_size', 'sequence_length', 4]);
    expect(s.ops).toEqual({ Gather: 3, Cast: 2, Unsqueeze: 2, Add: 1, Mul: 1, Expand: 1, Softmax: 1, Shape: 1, Concat: 1 });
    expect(s.nodeCount).toBe(13);
    expect(s.initializerCount).toBe(7);
    expect(s.externalData).toBe(false);
  });

  it('summarizeOnnx leaves out initializers listed as graph inputs (IR < 4 exports)', () => {
    const bytes = writeOnnx({
      irVersion: 3,
      inputs: [
        { name: 'x', elemType: 1, shape: [2] },
        { name: 'w', elemType: 1, shape: [2] },
      ],
      outputs: [{ name: 'y', elemType: 1, shape: [2] }],
      nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
      initializers: [{ name: 'w', dims: [2], values: [1, 2] }],
    });
    expect(summarizeOnnx(bytes).inputs.map((i) => i.name)).toEqual(['x']);
  });

  it('summarizeOnnx keys custom-domain operators with their domain and flags external data', () => {
    const bytes = writeOnnx({
      extraOpsets: [{ domain: 'com.microsoft', version: 1 }],
      inputs: [{ name: 'x', elemType: 1, shape: [1] }],
      outputs: [{ name: 'y', elemType: 1, shape: [1] }],
      nodes: [{ op: 'Attention', domain: 'com.microsoft', inputs: ['x', 'w'], outputs: ['y'] }],
      initializers: [{ name: 'w', dims: [1], values: [], external: true }],
    });
    const s = summarizeOnnx(bytes);
    expect(s.ops).toEqual({ 'com.microsoft::Attention': 1 });
    expect(s.opsets).toContainEqual({ domain: 'com.microsoft', version: 1 });
    expect(s.externalData).toBe(true);
  });

  it('summarizeOnnx throws OnnxParseError on every truncation of a model', () => {
    const bytes = toyEncoder();
    for (const cut of [1, 7, 20, Math.floor(bytes.length / 2), bytes.length - 3, bytes.length - 1]) {
      expect(() => summarizeOnnx(bytes.subarray(0, cut)), `cut at ${cut}`).toThrow(OnnxParseError);
    }
  });

  it('summarizeOnnx throws OnnxParseError on text and on random bytes', () => {
    expect(() => summarizeOnnx(new TextEncoder().encode('{"not": "onnx at all"}'))).toThrow(OnnxParseError);
    let seed = 7;
    const noise = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) & 255);
    expect(() => summarizeOnnx(noise)).toThrow(OnnxParseError);
  });

  it('summarizeOnnx rejects a graph with no outputs', () => {
    const bytes = writeOnnx({ inputs: [{ name: 'x', elemType: 1, shape: [1] }], outputs: [], nodes: [] });
    expect(() => summarizeOnnx(bytes)).toThrow(/no outputs/);
  });
});
