import { describe, expect, it } from 'vitest';
import { clsPool, l2Normalize, meanPool } from './pooling';

// two rows, three tokens, hidden 2
const h = { data: new Float32Array([1, 2, 3, 4, 100, 100, 0, 2, 4, 6, 8, 10]), dims: [2, 3, 2] };

describe('pooling', () => {
  it('meanPool(h, mask) averages only the kept tokens, into the given rows', () => {
    const out = new Float32Array(6).fill(9);
    meanPool(h, [[1, 1, 0], [1, 1, 1]], out, [2, 0]);
    expect(Array.from(out)).toEqual([4, 6, 9, 9, 2, 3]);
  });

  it('meanPool gives zeros for a fully masked row', () => {
    const out = new Float32Array(4).fill(5);
    meanPool(h, [[0, 0, 0], [1, 0, 0]], out, [0, 1]);
    expect(Array.from(out)).toEqual([0, 0, 0, 2]);
  });

  it('clsPool takes the first token', () => {
    const out = new Float32Array(4);
    clsPool(h, out, [1, 0]);
    expect(Array.from(out)).toEqual([0, 2, 1, 2]);
  });

  it('l2Normalize(out, 2, rows) gives unit rows and leaves zero rows alone', () => {
    const out = new Float32Array([3, 4, 0, 0, 1, 1]);
    l2Normalize(out, 2, [0, 1]);
    expect(Array.from(out.subarray(0, 4))).toEqual([0.6, 0.8, 0, 0].map(Math.fround));
    expect(Array.from(out.subarray(4))).toEqual([1, 1]);
  });

  it('pooling checks shapes', () => {
    expect(() => meanPool({ data: new Float32Array(3), dims: [1, 3] }, [[1, 1, 1]], new Float32Array(3), [0])).toThrow(RangeError);
    expect(() => meanPool(h, [[1, 1]], new Float32Array(4), [0, 1])).toThrow(/mask row 0/);
    expect(() => clsPool({ data: new Float32Array(5), dims: [1, 3, 2] }, new Float32Array(2), [0])).toThrow(/6/);
  });
});
