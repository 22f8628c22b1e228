export interface RepeatOptions {
  /** Untimed runs first (JIT, caches, lazily created sessions). */
  warmup: number;
  /** Timed runs. */
  reps: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Called after each timed run with its 1-based number. */
  onRep?: (rep: number) => void;
}

/**
 * Runs `task` `warmup + reps` times, one after the other, and returns the `reps` timed samples in
 * milliseconds. A task that returns a number reports its own time (it timed only the part that
 * counts); otherwise the sample is the task's wall time.
 * @example
 * await repeat(() => index.search(q, 10), { warmup: 1, reps: 5 }); // [0.41, 0.39, …]
 */
export async function repeat(task: (rep: number) => Promise<number | void> | number | void, opts: RepeatOptions): Promise<number[]> {
  const { warmup, reps, signal } = opts;
  if (!Number.isInteger(warmup) || warmup < 0) throw new RangeError(`warmup must be a non-negative integer, got ${warmup}`);
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`reps must be a positive integer, got ${reps}`);
  const now = opts.now ?? (() => performance.now());
  const samples: number[] = [];
  for (let i = 0; i < warmup + reps; i++) {
    signal?.throwIfAborted();
    const t0 = now();
    const own = await task(i - warmup);
    const wall = now() - t0;
    if (i < warmup) continue;
    samples.push(typeof own === 'number' ? own : wall);
    opts.onRep?.(samples.length);
  }
  return samples;
}

/** Items per second from a count and a time in milliseconds. */
export function perSecond(items: number, ms: number): number {
  if (!(ms > 0)) throw new RangeError(`time must be positive, got ${ms}`);
  return (items * 1000) / ms;
}
