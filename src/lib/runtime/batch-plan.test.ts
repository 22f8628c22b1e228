import { describe, expect, it } from 'vitest';
import { paddedTokens, planBatches } from './batch-plan';

describe('planBatches', () => {
  it('planBatches(lengths, 2, 4) sorts each window longest first and cuts it', () => {
    expect(planBatches([5, 1, 4, 2], 2, 4)).toEqual([
      [0, 2],
      [3, 1],
    ]);
  });

  it('planBatches keeps windows apart and leaves a short last batch', () => {
    expect(planBatches([1, 9, 3, 8, 2, 7, 6], 2, 4)).toEqual([[1, 3], [2, 0], [5, 6], [4]]);
  });

  it('planBatches breaks ties by original index, and covers every index once', () => {
    const lengths = [3, 3, 3, 1, 3];
    const plan = planBatches(lengths, 3, 5);
    expect(plan).toEqual([
      [0, 1, 2],
      [4, 3],
    ]);
    const lens = Array.from({ length: 1000 }, (_, i) => (i * 37) % 101);
    expect(
      planBatches(lens, 16)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(lens.map((_, i) => i));
  });

  it('planBatches pads far less than an unsorted plan on mixed lengths', () => {
    const lens = Array.from({ length: 512 }, (_, i) => (i % 2 === 0 ? 8 : 120));
    const sorted = paddedTokens(lens, planBatches(lens, 32));
    const naive = paddedTokens(lens, planBatches(lens, 32, 32).map((b) => b.sort((x, y) => x - y)));
    expect(sorted).toBe(256 * 8 + 256 * 120);
    expect(naive).toBe(512 * 120);
  });

  it('planBatches([], …) is empty; bad sizes throw RangeError', () => {
    expect(planBatches([], 8)).toEqual([]);
    expect(() => planBatches([1], 0)).toThrow(RangeError);
    expect(() => planBatches([1], 4, 2)).toThrow(RangeError);
    expect(() => planBatches([-1], 4)).toThrow(RangeError);
  });
});
