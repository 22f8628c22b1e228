import { describe, expect, it } from 'vitest';
import { ActiveTimer } from './active-timer';

describe('ActiveTimer', () => {
  it('counts only running time and restarts the count on take()', () => {
    let now = 1000;
    const timer = new ActiveTimer(() => now);
    timer.resume();
    now = 4000;
    timer.pause();
    now = 10_000;
    timer.resume();
    timer.resume();
    now = 11_500;
    expect(timer.take()).toBe(4500);
    expect(timer.running).toBe(true);
    now = 12_000;
    timer.pause();
    expect(timer.take()).toBe(500);
    expect(timer.take()).toBe(0);
  });
});
