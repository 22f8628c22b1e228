import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from './deadline';

describe('withDeadline', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('withDeadline(task, ms, what) gives the value of a task that settles in time', async () => {
    const task = new Promise<number>((ok) => setTimeout(() => ok(7), 999));
    const p = withDeadline(task, 1000, 'load');
    await vi.advanceTimersByTimeAsync(999);
    await expect(p).resolves.toBe(7);
  });

  it('withDeadline rejects, naming the task and the limit, when the task is too slow', async () => {
    const p = withDeadline(new Promise(() => undefined), 120_000, 'WebGPU load');
    const seen = expect(p).rejects.toThrow('WebGPU load did not finish within 120 s');
    await vi.advanceTimersByTimeAsync(120_000);
    await seen;
  });

  it("withDeadline passes the task's own error on, and refuses a limit that is not positive", async () => {
    await expect(withDeadline(Promise.reject(new Error('no adapter')), 1000, 'load')).rejects.toThrow('no adapter');
    expect(() => withDeadline(Promise.resolve(1), 0, 'load')).toThrow(RangeError);
  });
});
