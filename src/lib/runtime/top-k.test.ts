import { describe, expect, it } from 'vitest';
import { softmaxTopK } from './top-k';

describe('softmaxTopK', () => {
  it('softmaxTopK([0, ln 3], 1) is index 1 with 0.75', () => {
    const [top] = softmaxTopK(new Float32Array([0, Math.log(3)]), 1);
    expect(top!.index).toBe(1);
    expect(top!.prob).toBeCloseTo(0.75, 6);
  });

  it('softmaxTopK returns the k best in order, probabilities of the full softmax', () => {
    const logits = new Float32Array([1, 5, 3, 5, 0, 4]);
    const z = [1, 5, 3, 5, 0, 4].reduce((s, v) => s + Math.exp(v - 5), 0);
    const top = softmaxTopK(logits, 3);
    expect(top.map((t) => t.index)).toEqual([1, 3, 5]);
    expect(top[0]!.prob).toBeCloseTo(1 / z, 6);
    expect(top[2]!.prob).toBeCloseTo(Math.exp(-1) / z, 6);
  });

  it('softmaxTopK survives huge logits and caps k at the vocabulary', () => {
    const top = softmaxTopK(new Float32Array([1000, 999]), 5);
    expect(top).toHaveLength(2);
    expect(top[0]!.prob + top[1]!.prob).toBeCloseTo(1, 6);
  });

  it('softmaxTopK rejects bad k, empty or non-finite logits', () => {
    expect(() => softmaxTopK(new Float32Array([1]), 0)).toThrow(RangeError);
    expect(() => softmaxTopK(new Float32Array([]), 1)).toThrow(RangeError);
    expect(() => softmaxTopK(new Float32Array([NaN, NaN]), 1)).toThrow(RangeError);
  });
});
