/**
 * Reading time that `addTime` has counted but not yet written: summed per topic, and handed
 * over in one batch when the delay runs out (or earlier, when the page is being hidden).
 */
import type { TopicKey } from '../lib/storage/records';

export class PendingTime {
  #pending = new Map<TopicKey, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #delayMs: number;
  #onDue: () => void;

  /** `onDue` is called once `delayMs` after the first `add` of a batch. */
  constructor(delayMs: number, onDue: () => void) {
    this.#delayMs = delayMs;
    this.#onDue = onDue;
  }

  add(key: TopicKey, ms: number): void {
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + ms);
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      this.#onDue();
    }, this.#delayMs);
  }

  /** Milliseconds waiting for this topic. */
  of(key: TopicKey): number {
    return this.#pending.get(key) ?? 0;
  }

  /** Everything waiting, which is then no longer pending. */
  take(): Map<TopicKey, number> {
    const batch = this.#pending;
    this.#pending = new Map();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    return batch;
  }
}

/** Calls `flush` when the page is hidden or left; returns the function that stops listening. */
export function flushWhenHidden(target: EventTarget, flush: () => void): () => void {
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') flush();
  };
  target.addEventListener('pagehide', flush);
  target.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('pagehide', flush);
    target.removeEventListener('visibilitychange', onVisibility);
  };
}
