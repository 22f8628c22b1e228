import { describe, expect, it } from 'vitest';
import { headEntropies, rowEntropy } from './head-entropy';
import { stackOf } from './test-stacks';

describe('rowEntropy(row)', () => {
  it('is 0 for a one-hot row, 1 bit for two halves, 2 bits for four quarters', () => {
    expect(rowEntropy([0, 1, 0])).toBe(0);
    expect(rowEntropy([0.5, 0.5])).toBe(1);
    expect(rowEntropy([0.25, 0.25, 0.25, 0.25])).toBe(2);
  });
  it('matches −Σ p log₂ p for an uneven row', () => {
    expect(rowEntropy([0.75, 0.25])).toBeCloseTo(-(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)), 12);
  });
});

describe('headEntropies(stack)', () => {
  it('averages row entropy per head and normalises by log₂(seq)', () => {
    const stack = stackOf([
      [
        [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
        [[0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25], [0.5, 0.5, 0, 0], [1, 0, 0, 0]],
      ],
    ]);
    expect(headEntropies(stack)).toEqual([
      { layer: 0, head: 0, bits: 0, normalised: 0 },
      // rows: 2 + 2 + 1 + 0 bits → mean 1.25; / log₂ 4 = 0.625
      { layer: 0, head: 1, bits: 1.25, normalised: 0.625 },
    ]);
  });
});
