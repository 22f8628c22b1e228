import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k';

describe('passAtK', () => {
  it('passAtK(10, 3, 1) is the plain success rate 3/10', () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
  });

  it('passAtK(10, 3, 5) is 1 − C(7,5)/C(10,5) = 1 − 21/252', () => {
    expect(passAtK(10, 3, 5)).toBeCloseTo(1 - 21 / 252, 12);
  });

  it('passAtK(20, 1, 10) is 1/2: half of all 10-subsets contain the one correct sample', () => {
    expect(passAtK(20, 1, 10)).toBeCloseTo(0.5, 12);
  });

  it('passAtK is 0 with no correct sample and 1 once k exceeds the number of failures', () => {
    expect(passAtK(10, 0, 10)).toBe(0);
    expect(passAtK(10, 8, 3)).toBe(1);
    expect(passAtK(5, 5, 1)).toBe(1);
  });

  it('passAtK grows with k for fixed n and c', () => {
    const values = [1, 2, 3, 4, 5].map((k) => passAtK(10, 2, k));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
  });

  it('passAtK rejects impossible counts', () => {
    expect(() => passAtK(0, 0, 1)).toThrow('invalid n');
    expect(() => passAtK(10, 11, 1)).toThrow('invalid c: 11 (expected 0 ≤ c ≤ n = 10)');
    expect(() => passAtK(10, 3, 0)).toThrow('invalid k');
    expect(() => passAtK(10, 3, 11)).toThrow(RangeError);
    expect(() => passAtK(10, 2.5, 1)).toThrow(RangeError);
  });
});
