import { describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce(fn, ms)', () => {
  it('calls once with the last arguments after the delay', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 500);
    d('a');
    vi.advanceTimersByTime(300);
    d('b');
    vi.advanceTimersByTime(499);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith('b');
    vi.useRealTimers();
  });
  it('flush() runs the pending call now; cancel() drops it', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 500);
    d(1);
    expect(d.pending).toBe(true);
    d.flush();
    expect(fn).toHaveBeenCalledWith(1);
    d(2);
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
