import { describe, expect, it } from 'vitest';
import { SharedJob } from './shared-job';
import type { Progress } from './types';

/** A job whose work waits until the test settles it, recording its signal and progress hook. */
function controllable() {
  let resolve!: (v: string) => void;
  let reject!: (e: unknown) => void;
  let signal!: AbortSignal;
  let progress!: (p: Progress) => void;
  const job = new SharedJob<string>((s, p) => {
    signal = s;
    progress = p;
    return new Promise<string>((ok, bad) => {
      resolve = ok;
      reject = bad;
    });
  });
  return { job, resolve: (v: string) => resolve(v), reject: (e: unknown) => reject(e), signal: () => signal, progress: (p: Progress) => progress(p) };
}

const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code);

describe('SharedJob', () => {
  it('join() without a signal gives every waiter the work’s own promise, and progress reaches each listener', async () => {
    const c = controllable();
    const seen: string[] = [];
    const a = c.job.join(undefined, (p) => seen.push(`a${p.done}`));
    const b = c.job.join(undefined, (p) => seen.push(`b${p.done}`));
    expect(a).toBe(c.job.promise);
    expect(b).toBe(c.job.promise);
    c.progress({ done: 1, total: 2 });
    c.resolve('model');
    expect(await a).toBe('model');
    expect(seen).toEqual(['a1', 'b1']);
    expect(c.job.settled).toBe(true);
  });

  it('join(signal): a waiter that aborts leaves at once with cancelled; the work stops only when the last one leaves', async () => {
    const c = controllable();
    const first = new AbortController();
    const second = new AbortController();
    const seen: string[] = [];
    const a = c.job.join(first.signal, () => seen.push('a'));
    const b = c.job.join(second.signal, () => seen.push('b'));
    first.abort();
    expect(await code(a)).toBe('cancelled');
    expect(c.signal().aborted).toBe(false);
    c.progress({ done: 1, total: 2 });
    expect(seen).toEqual(['b']);
    second.abort();
    expect(await code(b)).toBe('cancelled');
    expect([c.signal().aborted, c.job.aborted]).toEqual([true, true]);
    expect(await code(c.job.join())).toBe('cancelled');
  });

  it('a waiter without a signal keeps the work going when the others leave', async () => {
    const c = controllable();
    const leaving = new AbortController();
    const gone = c.job.join(leaving.signal);
    const staying = c.job.join();
    leaving.abort();
    expect(await code(gone)).toBe('cancelled');
    expect(c.signal().aborted).toBe(false);
    c.resolve('model');
    expect(await staying).toBe('model');
  });

  it('an already aborted signal is refused without joining; a late join of a finished job gets its result', async () => {
    const c = controllable();
    const aborted = new AbortController();
    aborted.abort();
    expect(await code(c.job.join(aborted.signal))).toBe('cancelled');
    const live = new AbortController();
    const waiting = c.job.join(live.signal);
    c.resolve('model');
    expect(await waiting).toBe('model');
    live.abort(); // after the result: nothing to cancel any more
    expect(c.signal().aborted).toBe(false);
    expect(await c.job.join(new AbortController().signal)).toBe('model');
  });

  it('the work’s failure reaches every waiter as it is', async () => {
    const c = controllable();
    const a = c.job.join(new AbortController().signal);
    const b = c.job.join();
    c.reject(Object.assign(new Error('broken'), { code: 'onnx-corrupt' }));
    expect([await code(a), await code(b)]).toEqual(['onnx-corrupt', 'onnx-corrupt']);
  });
});
