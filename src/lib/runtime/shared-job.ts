import { RuntimeError } from './errors';
import type { Progress } from './types';

/**
 * One piece of work shared by everyone who asked for it (a model load asked for by two labs). Each
 * waiter joins with its own AbortSignal and progress callback: a waiter whose signal aborts leaves at
 * once with `cancelled`, and the work itself is aborted only when the last waiter has left. A waiter
 * without a signal cannot leave, so the work then always runs to its end.
 * @example
 * const job = new SharedJob((signal, progress) => load(ref, { signal, progress }));
 * const a = job.join(tabA.signal, showA); // tabA aborts: a rejects `cancelled`, the load goes on for b
 * const b = job.join(tabB.signal, showB); // tabB aborts too: the load's signal aborts
 */
export class SharedJob<T> {
  readonly promise: Promise<T>;
  readonly #controller = new AbortController();
  readonly #listeners = new Set<(p: Progress) => void>();
  #waiters = 0;
  #pinned = false;
  #settled = false;

  constructor(work: (signal: AbortSignal, progress: (p: Progress) => void) => Promise<T>) {
    this.promise = work(this.#controller.signal, (p) => {
      for (const listener of this.#listeners) listener(p);
    });
    const settle = () => {
      this.#settled = true;
      this.#listeners.clear();
    };
    this.promise.then(settle, settle);
  }

  /** True once every waiter has left and the work was told to stop. */
  get aborted(): boolean {
    return this.#controller.signal.aborted;
  }

  get settled(): boolean {
    return this.#settled;
  }

  /**
   * Waits for the work. Rejects `cancelled` at once when `signal` aborts (or already has); the
   * work is aborted when no waiter is left.
   */
  join(signal?: AbortSignal, onProgress?: (p: Progress) => void): Promise<T> {
    if (signal?.aborted) return Promise.reject(new RuntimeError('cancelled'));
    if (this.aborted) return Promise.reject(new RuntimeError('cancelled'));
    if (this.#settled) return this.promise;
    if (onProgress) this.#listeners.add(onProgress);
    if (!signal) {
      this.#pinned = true;
      return this.promise;
    }
    this.#waiters++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        if (onProgress) this.#listeners.delete(onProgress);
        this.#waiters--;
        reject(new RuntimeError('cancelled'));
        if (this.#waiters === 0 && !this.#pinned && !this.#settled) this.#controller.abort();
      };
      signal.addEventListener('abort', leave, { once: true });
      this.promise.then(
        (v) => {
          signal.removeEventListener('abort', leave);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(e);
        },
      );
    });
  }
}
