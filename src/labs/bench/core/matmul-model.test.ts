// @vitest-environment node
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../../lib/onnx/onnx-proto';
import { matmulInput, matmulModel } from './matmul-model';

describe('matmulModel', () => {
  it('matmulModel(2, 3, 2) is one MatMul node with typed inputs and output', () => {
    const model = decodeModel(matmulModel(2, 3, 2));
    expect(model.graph.nodes.map((n) => [n.opType, n.inputs, n.outputs])).toEqual([['MatMul', ['A', 'B'], ['Y']]]);
    expect(model.graph.inputs.map((v) => [v.name, v.elemType, v.shape])).toEqual([['A', 1, [2, 3]], ['B', 1, [3, 2]]]);
    expect(model.graph.outputs.map((v) => [v.name, v.shape])).toEqual([['Y', [2, 2]]]);
    expect(model.opsets.get('')).toBe(17);
  });

  it('matmulModel runs in ONNX Runtime and multiplies', async () => {
    const session = await ort.InferenceSession.create(matmulModel(2, 3, 2));
    const a = new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    const b = new ort.Tensor('float32', Float32Array.from([7, 8, 9, 10, 11, 12]), [3, 2]);
    const { Y } = await session.run({ A: a, B: b });
    expect(Y!.dims).toEqual([2, 2]);
    expect([...(Y!.data as Float32Array)]).toEqual([58, 64, 139, 154]);
    await session.release();
  });

  it('matmulModel refuses sizes out of range', () => {
    expect(() => matmulModel(0, 1, 1)).toThrow(/m must be/);
    expect(() => matmulModel(1, 1.5, 1)).toThrow(/k must be/);
  });
});

describe('matmulInput', () => {
  it('matmulInput is repeatable for a seed and stays in [-1, 1)', () => {
    const a = matmulInput(1000, 7);
    expect(matmulInput(1000, 7)).toEqual(a);
    expect(matmulInput(1000, 8)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
  });
});
