import { describe, expect, it } from 'vitest';
import { firstReaching, recallAtK } from './recall';

describe('recallAtK', () => {
  it('recallAtK counts exact neighbours found, in any order', () => {
    expect(recallAtK([[3, 2, 1]], [[1, 2, 3]], 3)).toBe(1);
    expect(recallAtK([[1, 2, 9]], [[1, 2, 3]], 3)).toBeCloseTo(2 / 3, 12);
  });
  it('recallAtK averages over queries and reads only the first k of each list', () => {
    expect(recallAtK([[1, 5], [7, 8, 9]], [[1, 2], [7, 8, 0]], 2)).toBe((0.5 + 1) / 2);
  });
  it('recallAtK refuses mismatched lists, empty truth and bad k', () => {
    expect(() => recallAtK([[1]], [[1], [2]], 1)).toThrow(RangeError);
    expect(() => recallAtK([[1]], [[]], 1)).toThrow(/no exact/);
    expect(() => recallAtK([[1]], [[1]], 0)).toThrow(/k must/);
    expect(() => recallAtK([], [], 1)).toThrow(/no queries/);
  });
});

describe('firstReaching', () => {
  it('firstReaching gives the first sweep point at or above the target', () => {
    const sweep = [{ ef: 10, recall: 0.8 }, { ef: 20, recall: 0.95 }, { ef: 40, recall: 0.99 }];
    expect(firstReaching(sweep, 0.95)).toEqual({ ef: 20, recall: 0.95 });
    expect(firstReaching(sweep, 0.999)).toBeNull();
  });
});
