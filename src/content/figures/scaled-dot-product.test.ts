import { describe, expect, it } from 'vitest';
import { EXAMPLE, attention, softmax } from './scaled-dot-product';

const round = (m: number[][], digits = 3) => m.map((row) => row.map((x) => Number(x.toFixed(digits))));

describe('softmax', () => {
  it('softmax([2, 1, 0]) matches the generative-models lesson table', () => {
    expect(softmax([2, 1, 0]).map((x) => Number(x.toFixed(3)))).toEqual([0.665, 0.245, 0.09]);
    expect(softmax([4, 2, 0]).map((x) => Number(x.toFixed(3)))).toEqual([0.867, 0.117, 0.016]);
    expect(softmax([1, 0.5, 0]).map((x) => Number(x.toFixed(3)))).toEqual([0.506, 0.307, 0.186]);
  });
  it('softmax is stable for large inputs and gives −∞ zero weight', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    expect(softmax([0, -Infinity])).toEqual([1, 0]);
  });
  it('softmax rejects a row with no finite entry', () => {
    expect(() => softmax([-Infinity])).toThrow(RangeError);
  });
});

describe('attention(Q, K, V) on the lesson example', () => {
  const { q, k, v } = EXAMPLE;

  it('computes the dot products Q·Kᵀ', () => {
    expect(attention(q, k, v).dots).toEqual([
      [1, 0, 1],
      [1, 2, 2],
      [0, 4, 2],
    ]);
  });

  it('scales by √d_k = √2 and normalises each row', () => {
    const { scores, weights } = attention(q, k, v);
    expect(round(scores)).toEqual([
      [0.707, 0, 0.707],
      [0.707, 1.414, 1.414],
      [0, 2.828, 1.414],
    ]);
    expect(round(weights)).toEqual([
      [0.401, 0.198, 0.401],
      [0.198, 0.401, 0.401],
      [0.045, 0.768, 0.187],
    ]);
    for (const row of weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('mixes the value vectors: "sat" becomes ≈ [0.232, 1.723]', () => {
    expect(round(attention(q, k, v).outputs)).toEqual([
      [0.802, 0.797],
      [0.599, 1.203],
      [0.232, 1.723],
    ]);
  });

  it('without scaling the same scores give a sharper distribution', () => {
    expect(round(attention(q, k, v, { scale: false }).weights)[2]).toEqual([0.016, 0.867, 0.117]);
  });

  it('a causal mask lets each token see only itself and earlier tokens', () => {
    const { weights } = attention(q, k, v, { causal: true });
    expect(round(weights)).toEqual([
      [1, 0, 0],
      [0.33, 0.67, 0],
      [0.045, 0.768, 0.187],
    ]);
  });
});

describe('attention input checks', () => {
  it('rejects keys whose width differs from the queries\' d_k', () => {
    expect(() => attention([[1, 0]], [[1, 0, 0]], [[1]])).toThrow('invalid K');
  });
  it('rejects a V with a different number of rows than K', () => {
    expect(() => attention([[1]], [[1], [2]], [[1]])).toThrow('invalid V');
  });
  it('rejects empty and non-finite matrices', () => {
    expect(() => attention([], [[1]], [[1]])).toThrow('invalid Q');
    expect(() => attention([[Number.NaN]], [[1]], [[1]])).toThrow('non-finite');
  });
});
