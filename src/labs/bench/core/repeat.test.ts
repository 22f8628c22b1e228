import { describe, expect, it } from 'vitest';
import { perSecond, repeat } from './repeat';

function clock(steps: number[]): () => number {
  let t = 0;
  let i = 0;
  return () => {
    const v = t;
    t += steps[i++ % steps.length]!;
    return v;
  };
}

describe('repeat', () => {
  it('repeat(task, { warmup: 2, reps: 3 }) runs 5 times and keeps the last 3 wall times', async () => {
    const calls: number[] = [];
    // now() is read before and after each task: the clock moves by the task time, then by a gap of 1
    const now = clock([7, 1, 7, 1, 5, 1, 6, 1, 9, 1]);
    const samples = await repeat((rep) => void calls.push(rep), { warmup: 2, reps: 3, now });
    expect(calls).toEqual([-2, -1, 0, 1, 2]);
    expect(samples).toEqual([5, 6, 9]);
  });
  it('repeat keeps the time a task reports itself', async () => {
    const samples = await repeat((rep) => 100 + rep, { warmup: 1, reps: 2, now: () => 0 });
    expect(samples).toEqual([100, 101]);
  });
  it('repeat reports progress after each timed run', async () => {
    const seen: number[] = [];
    await repeat(() => 1, { warmup: 1, reps: 3, onRep: (r) => seen.push(r) });
    expect(seen).toEqual([1, 2, 3]);
  });
  it('repeat stops when the signal is aborted', async () => {
    const ac = new AbortController();
    let n = 0;
    const run = repeat(() => {
      if (++n === 2) ac.abort();
      return 1;
    }, { warmup: 0, reps: 5, signal: ac.signal });
    await expect(run).rejects.toThrow();
    expect(n).toBe(2);
  });
  it('repeat refuses bad counts', async () => {
    await expect(repeat(() => 1, { warmup: -1, reps: 1 })).rejects.toThrow(RangeError);
    await expect(repeat(() => 1, { warmup: 0, reps: 0 })).rejects.toThrow(RangeError);
  });
});

describe('perSecond', () => {
  it('perSecond(50, 250) is 200 per second', () => {
    expect(perSecond(50, 250)).toBe(200);
  });
  it('perSecond refuses a zero time', () => {
    expect(() => perSecond(1, 0)).toThrow(RangeError);
  });
});
