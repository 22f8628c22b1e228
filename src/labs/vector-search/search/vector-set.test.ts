// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dotAt, isNormalized, l2SqAt, normalized, row, rowNorms, vectorSet } from './vector-set';

describe('vector-set helpers', () => {
  const set = vectorSet(Float32Array.from([3, 4, 0, 0, 0, 0, 0, 0, 1, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1]), 5);
  it('vectorSet(data, dim) counts rows and rejects a ragged length', () => {
    expect(set.count).toBe(4);
    expect(() => vectorSet(new Float32Array(7), 5)).toThrow(RangeError);
  });
  it('row(set, i) is a view of row i', () => {
    expect(Array.from(row(set, 1))).toEqual([0, 0, 0, 1, 2]);
  });
  it('rowNorms(set) and isNormalized(set)', () => {
    expect(Array.from(rowNorms(set))).toEqual([5, Math.sqrt(5), Math.sqrt(5), 1].map(Math.fround));
    expect(isNormalized(set)).toBe(false);
    expect(isNormalized(vectorSet(Float32Array.from([0.6, 0.8, 1, 0]), 2))).toBe(true);
  });
  it('normalized(v) has unit length; a zero vector stays zero', () => {
    expect(Array.from(normalized(Float32Array.from([3, 4])))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(normalized(new Float32Array(2)))).toEqual([0, 0]);
  });
  it('dotAt and l2SqAt match the definitions for odd and even dimensions', () => {
    const a = Float32Array.from([1, 2, 3, 4, 5]);
    expect(dotAt(a, set.data, 5, 5)).toBe(4 * 1 + 5 * 2);
    expect(l2SqAt(a, set.data, 0, 5)).toBe(4 + 4 + 9 + 16 + 25);
  });
});
