import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushWhenHidden, PendingTime } from './pending-time';

afterEach(() => {
  vi.useRealTimers();
});

describe('PendingTime', () => {
  it('add(key, ms) sums per topic and calls onDue once, delayMs after the first add', () => {
    vi.useFakeTimers();
    const onDue = vi.fn();
    const pending = new PendingTime(1_000, onDue);
    pending.add('2/transformer', 300);
    vi.advanceTimersByTime(600);
    pending.add('2/transformer', 200);
    pending.add('1/ai-evolution', 50);
    expect([pending.of('2/transformer'), pending.of('1/ai-evolution'), pending.of('5/rag')]).toEqual([500, 50, 0]);
    vi.advanceTimersByTime(399);
    expect(onDue).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onDue).toHaveBeenCalledOnce();
  });

  it('take() hands over the batch, empties it and cancels the timer', () => {
    vi.useFakeTimers();
    const onDue = vi.fn();
    const pending = new PendingTime(1_000, onDue);
    pending.add('2/transformer', 300);
    expect([...pending.take()]).toEqual([['2/transformer', 300]]);
    expect(pending.of('2/transformer')).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(onDue).not.toHaveBeenCalled();
    expect(pending.take().size).toBe(0);
  });
});

describe('flushWhenHidden', () => {
  it('flushWhenHidden(target, flush) flushes on pagehide and on visibilitychange to hidden, until stopped', () => {
    const target = new EventTarget();
    const flush = vi.fn();
    const stop = flushWhenHidden(target, flush);
    target.dispatchEvent(new Event('pagehide'));
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    target.dispatchEvent(new Event('visibilitychange'));
    visibility.mockReturnValue('hidden');
    target.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(2);
    stop();
    target.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
  });
});
