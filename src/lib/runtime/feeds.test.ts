import { describe, expect, it } from 'vitest';
import { RuntimeError } from './errors';
import { packIdInputs, padBatch } from './feeds';

describe('padBatch', () => {
  it('padBatch(rows, types, pad) pads right to the longest row with mask 0', () => {
    const f = padBatch([[2, 5, 3], [2, 3]], [[0, 0, 0], [0, 1]], 9);
    expect(f.dims).toEqual([2, 3]);
    expect(Array.from(f.inputIds)).toEqual([2n, 5n, 3n, 2n, 3n, 9n]);
    expect(Array.from(f.attentionMask)).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
    expect(Array.from(f.tokenTypeIds)).toEqual([0n, 0n, 0n, 0n, 1n, 0n]);
    expect(f.mask).toEqual([[1, 1, 1], [1, 1, 0]]);
  });

  it('padBatch without types gives zeros', () => {
    expect(Array.from(padBatch([[4]], null, 0).tokenTypeIds)).toEqual([0n]);
  });

  it('padBatch rejects empty input and mismatched types', () => {
    expect(() => padBatch([], null, 0)).toThrow(RuntimeError);
    expect(() => padBatch([[1, 2]], [[0]], 0)).toThrow(/row 0/);
  });
});

describe('packIdInputs', () => {
  it('packIdInputs packs rectangular rows as int64', () => {
    const f = packIdInputs([[2, 7, 3]], [[1, 1, 0]], [[0, 1, 1]], 10);
    expect(f.dims).toEqual([1, 3]);
    expect(Array.from(f.inputIds)).toEqual([2n, 7n, 3n]);
    expect(Array.from(f.attentionMask)).toEqual([1n, 1n, 0n]);
    expect(Array.from(f.tokenTypeIds)).toEqual([0n, 1n, 1n]);
  });

  it('packIdInputs rejects ragged rows, bad masks, out-of-vocabulary ids and non-integers', () => {
    const cases: [unknown, unknown, unknown][] = [
      [[[1, 2], [1]], [[1, 1], [1]], undefined],
      [[[1, 2]], [[1, 2]], undefined],
      [[[1, 20]], [[1, 1]], undefined],
      [[[1.5, 2]], [[1, 1]], undefined],
      [[[1, 2]], [[1, 1]], [[0]]],
      [[], [], undefined],
    ];
    for (const [ids, mask, types] of cases) {
      expect(() => packIdInputs(ids, mask, types, 10), JSON.stringify(ids)).toThrow(RuntimeError);
    }
  });
});
