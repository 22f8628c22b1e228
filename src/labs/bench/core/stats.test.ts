import { describe, expect, it } from 'vitest';
import { speedup, summarize } from './stats';

describe('summarize', () => {
  it('summarize([3, 1, 2]) gives the middle value and the extremes', () => {
    expect(summarize([3, 1, 2])).toEqual({ n: 3, median: 2, min: 1, max: 3, mean: 2 });
  });
  it('summarize of an even count averages the two middle values', () => {
    expect(summarize([4, 1, 10, 2]).median).toBe(3);
  });
  it('summarize does not reorder its input', () => {
    const xs = [5, 1, 3];
    summarize(xs);
    expect(xs).toEqual([5, 1, 3]);
  });
  it('summarize([]) and non-finite samples throw', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, NaN])).toThrow(/non-finite/);
    expect(() => summarize([Infinity])).toThrow(RangeError);
  });
});

describe('speedup', () => {
  it('speedup of times is peer / ours', () => {
    expect(speedup(10, 30, 'lower')).toBe(3);
    expect(speedup(40, 20, 'lower')).toBe(0.5);
  });
  it('speedup of rates is ours / peer', () => {
    expect(speedup(50, 100, 'higher')).toBe(0.5);
    expect(speedup(300, 100, 'higher')).toBe(3);
  });
  it('speedup refuses zero or negative medians', () => {
    expect(() => speedup(0, 1, 'lower')).toThrow(RangeError);
    expect(() => speedup(1, -1, 'higher')).toThrow(RangeError);
  });
});
