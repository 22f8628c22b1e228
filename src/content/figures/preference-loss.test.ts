import { describe, expect, it } from 'vitest';
import { penalisedReward, preferenceLoss, sigmoid } from './preference-loss';

describe('sigmoid', () => {
  it('sigmoid(0) is 0.5 and sigmoid(x) + sigmoid(−x) is 1', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 15);
  });
  it('sigmoid does not overflow far from zero', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
  });
});

describe('preferenceLoss', () => {
  it('preferenceLoss(0) is ln 2: a reward model that cannot tell the answers apart', () => {
    const { probability, loss } = preferenceLoss(0);
    expect(probability).toBe(0.5);
    expect(loss).toBeCloseTo(Math.LN2, 15);
  });
  it('preferenceLoss(2) and preferenceLoss(−2) match the lesson: 0.881 / 0.127 and 0.119 / 2.127', () => {
    expect(preferenceLoss(2).probability).toBeCloseTo(0.880797, 6);
    expect(preferenceLoss(2).loss).toBeCloseTo(0.126928, 6);
    expect(preferenceLoss(-2).probability).toBeCloseTo(0.119203, 6);
    expect(preferenceLoss(-2).loss).toBeCloseTo(2.126928, 6);
  });
  it('the loss of a badly wrong ranking grows linearly instead of overflowing', () => {
    expect(preferenceLoss(-800).loss).toBeCloseTo(800, 9);
    expect(preferenceLoss(800).loss).toBe(0);
  });
  it('preferenceLoss rejects non-finite input', () => {
    expect(() => preferenceLoss(Number.POSITIVE_INFINITY)).toThrow('invalid delta');
    expect(() => sigmoid(Number.NaN)).toThrow(RangeError);
  });
});

describe('penalisedReward', () => {
  it('subtracts β times the log-probability gap to the SFT model', () => {
    // the policy made this answer e^2 times likelier than the SFT model did
    expect(penalisedReward(1.5, -10, -12, 0.1)).toBeCloseTo(1.3, 12);
    expect(penalisedReward(1.5, -10, -12, 0)).toBe(1.5);
  });
  it('rejects a negative β', () => {
    expect(() => penalisedReward(1, -1, -1, -0.1)).toThrow('invalid beta');
  });
});
