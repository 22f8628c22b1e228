import { describe, expect, it } from 'vitest';
import { summarizeBench } from './bench-stats';

describe('summarizeBench', () => {
  it('summarizeBench([10, 20, 30, 40], 8): median 25, p90 37, 320 tokens/s', () => {
    expect(summarizeBench([40, 10, 30, 20], 8)).toEqual({ runs: 4, medianMs: 25, p90Ms: 37, minMs: 10, maxMs: 40, tokensPerSec: 320 });
  });

  it('summarizeBench of an odd count takes the middle value; p90 interpolates', () => {
    const s = summarizeBench([5, 1, 3, 2, 4], 10);
    expect([s.medianMs, s.p90Ms]).toEqual([3, 4.6]);
    expect(s.tokensPerSec).toBeCloseTo(3333.333, 3);
  });

  it('summarizeBench of one run is that run', () => {
    expect(summarizeBench([7], 1)).toMatchObject({ medianMs: 7, p90Ms: 7, runs: 1 });
  });

  it('summarizeBench rejects empty, negative or non-finite latencies and bad token counts', () => {
    expect(() => summarizeBench([], 1)).toThrow(RangeError);
    expect(() => summarizeBench([1, -1], 1)).toThrow(RangeError);
    expect(() => summarizeBench([NaN], 1)).toThrow(RangeError);
    expect(() => summarizeBench([1], 0)).toThrow(RangeError);
  });
});
