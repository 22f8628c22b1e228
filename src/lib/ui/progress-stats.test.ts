import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, progressStats } from './progress-stats';

describe('progressStats(done, total, elapsedMs)', () => {
  it('computes fraction, rate and ETA', () => {
    expect(progressStats(25, 100, 5000)).toEqual({ fraction: 0.25, ratePerSec: 5, etaMs: 15000 });
  });
  it('handles unknown total, no elapsed time, zero total and overshoot', () => {
    expect(progressStats(3, null, 1000)).toEqual({ fraction: null, ratePerSec: 3, etaMs: null });
    expect(progressStats(0, 10, 0)).toEqual({ fraction: 0, ratePerSec: null, etaMs: null });
    expect(progressStats(0, 0, null).fraction).toBe(1);
    expect(progressStats(12, 10, 1000)).toEqual({ fraction: 1, ratePerSec: 12, etaMs: 0 });
  });
  it('rejects negative or non-finite counts', () => {
    expect(() => progressStats(-1, 10, 1)).toThrow(RangeError);
    expect(() => progressStats(1, Number.NaN, 1)).toThrow(/invalid total/);
  });
});

describe('formatDuration(ms) / formatBytes(n)', () => {
  it('formats durations', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
  it('formats byte counts', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(26_861_777)).toBe('27 MB');
  });
});
