import { describe, expect, it } from 'vitest';
import { argmax, softmaxRows } from './softmax';

describe('softmaxRows(logits, width)', () => {
  it('normalizes each row', () => {
    const p = softmaxRows(Float32Array.from([0, Math.log(3), 1000, 1000]), 2);
    expect([...p].map((v) => +v.toFixed(6))).toEqual([0.25, 0.75, 0.5, 0.5]);
  });
  it('rejects a width that does not divide the values', () => {
    expect(() => softmaxRows(new Float32Array(5), 2)).toThrow(RangeError);
  });
});

describe('argmax(row, from, width)', () => {
  it('returns the first largest index of the slice', () => {
    expect(argmax(Float32Array.from([9, 1, 3, 3, 2]), 1, 4)).toBe(1);
  });
});
