import { describe, expect, it } from 'vitest';
import { attentionRollout } from './attention-rollout';
import { rounded, stackOf } from './test-stacks';

// Layer 1: heads average to [[.5,.5],[.5,.5]]; + I, rows renormalised → Ã1 = [[.75,.25],[.25,.75]].
// Layer 2: heads average to [[1,0],[1,0]];      + I, rows renormalised → Ã2 = [[1,0],[.5,.5]].
const stack = stackOf([
  [[[1, 0], [0.5, 0.5]], [[0, 1], [0.5, 0.5]]],
  [[[1, 0], [1, 0]], [[1, 0], [1, 0]]],
]);

describe('attentionRollout(stack)', () => {
  it('one layer: rownorm(mean over heads + I)', () => {
    expect(rounded(attentionRollout(stack, 0))).toEqual([0.75, 0.25, 0.25, 0.75]);
  });
  it('two layers: Ã2 · Ã1 (later layer on the left), not Ã1 · Ã2', () => {
    // [[1,0],[.5,.5]] · [[.75,.25],[.25,.75]] = [[.75,.25],[.5,.5]]; the other order gives [[.875,.125],[.625,.375]].
    expect(rounded(attentionRollout(stack))).toEqual([0.75, 0.25, 0.5, 0.5]);
  });
  it('rows of the rollout sum to 1', () => {
    const r = attentionRollout(stack);
    expect(r[0]! + r[1]!).toBeCloseTo(1, 6);
    expect(r[2]! + r[3]!).toBeCloseTo(1, 6);
  });
  it('rejects a layer out of range', () => {
    expect(() => attentionRollout(stack, 2)).toThrow(RangeError);
  });
});
