import { describe, expect, it } from 'vitest';
import { aggregateHeads } from './aggregate-heads';
import { rounded, stackOf } from './test-stacks';

const stack = stackOf([
  [
    [[1, 0], [0.5, 0.5]],
    [[0.2, 0.8], [0.9, 0.1]],
    [[0.6, 0.4], [0, 1]],
  ],
]);

describe('aggregateHeads(stack, layer, heads, how)', () => {
  it('mean over all heads is the element-wise average', () => {
    expect(rounded(aggregateHeads(stack, 0, [0, 1, 2], 'mean'))).toEqual([0.6, 0.4, 0.466667, 0.533333]);
  });
  it('mean over a subset uses only those heads', () => {
    expect(rounded(aggregateHeads(stack, 0, [0, 1], 'mean'))).toEqual([0.6, 0.4, 0.7, 0.3]);
  });
  it('max takes the element-wise maximum', () => {
    expect(rounded(aggregateHeads(stack, 0, [0, 1, 2], 'max'))).toEqual([1, 0.8, 0.9, 1]);
  });
  it('does not modify the stack and rejects an empty head list', () => {
    aggregateHeads(stack, 0, [0, 1], 'mean');
    expect(rounded(stack.data[0]!.subarray(0, 4))).toEqual([1, 0, 0.5, 0.5]);
    expect(() => aggregateHeads(stack, 0, [], 'mean')).toThrow(/at least one head/);
  });
});
