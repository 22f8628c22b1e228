import { describe, expect, it } from 'vitest';
import { elementCount, flatIndex, rowMajorStrides, unflatIndex } from './row-major';

describe('elementCount', () => {
  it('elementCount([1, 12, 16, 16]) is 3,072 (12,288 bytes as float32)', () => {
    expect(elementCount([1, 12, 16, 16])).toBe(3072);
  });

  it('elementCount rejects empty, zero and fractional shapes', () => {
    expect(() => elementCount([])).toThrow('expected at least one axis');
    expect(() => elementCount([2, 0])).toThrow(RangeError);
    expect(() => elementCount([2.5])).toThrow('sizes must be positive integers');
  });
});

describe('rowMajorStrides', () => {
  it('rowMajorStrides([1, 12, 16, 16]) is [3072, 256, 16, 1]', () => {
    expect(rowMajorStrides([1, 12, 16, 16])).toEqual([3072, 256, 16, 1]);
  });

  it('rowMajorStrides([2, 3]) is [3, 1] and rowMajorStrides([5]) is [1]', () => {
    expect(rowMajorStrides([2, 3])).toEqual([3, 1]);
    expect(rowMajorStrides([5])).toEqual([1]);
  });
});

describe('flatIndex', () => {
  it('flatIndex([1, 12, 16, 16], [0, 3, 5, 2]) is ((0·12 + 3)·16 + 5)·16 + 2 = 850', () => {
    expect(flatIndex([1, 12, 16, 16], [0, 3, 5, 2])).toBe(850);
  });

  it('flatIndex of the first and last element is 0 and count - 1', () => {
    expect(flatIndex([2, 3, 4], [0, 0, 0])).toBe(0);
    expect(flatIndex([2, 3, 4], [1, 2, 3])).toBe(23);
  });

  it('flatIndex walks a [2, 3] matrix row by row', () => {
    const order = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) order.push(flatIndex([2, 3], [i, j]));
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('flatIndex rejects out-of-range, negative and wrong-length indices', () => {
    expect(() => flatIndex([2, 3], [2, 0])).toThrow('invalid index: 2 on axis 0 of size 2');
    expect(() => flatIndex([2, 3], [0, -1])).toThrow(RangeError);
    expect(() => flatIndex([2, 3], [1])).toThrow('1 coordinates for 2 axes');
  });
});

describe('unflatIndex', () => {
  it('unflatIndex([1, 12, 16, 16], 850) is [0, 3, 5, 2]', () => {
    expect(unflatIndex([1, 12, 16, 16], 850)).toEqual([0, 3, 5, 2]);
  });

  it('unflatIndex inverts flatIndex for every element of a [2, 3, 4] tensor', () => {
    for (let flat = 0; flat < 24; flat++) {
      expect(flatIndex([2, 3, 4], unflatIndex([2, 3, 4], flat))).toBe(flat);
    }
  });

  it('unflatIndex rejects positions outside the buffer', () => {
    expect(() => unflatIndex([2, 3], 6)).toThrow('tensor has 6 elements');
    expect(() => unflatIndex([2, 3], -1)).toThrow(RangeError);
    expect(() => unflatIndex([2, 3], 1.5)).toThrow(RangeError);
  });
});
