import { progressStats } from '../ui/progress-stats';
import type { Progress } from './types';

/**
 * Turns `done of total` updates into Progress events with rate and ETA, at most one per
 * `intervalMs` (the first and the final update always pass).
 * @example
 * const meter = new ProgressMeter(100, { stage: 'embed' }, emit);
 * meter.update(10); // emits { done: 10, total: 100, rate, etaMs, stage: 'embed' }
 */
export class ProgressMeter {
  readonly #total: number;
  readonly #base: Omit<Progress, 'done' | 'total'>;
  readonly #emit: (p: Progress) => void;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #start: number;
  #last = -Infinity;

  constructor(total: number, base: Omit<Progress, 'done' | 'total'>, emit: (p: Progress) => void, now: () => number = () => performance.now(), intervalMs = 100) {
    this.#total = total;
    this.#base = base;
    this.#emit = emit;
    this.#now = now;
    this.#intervalMs = intervalMs;
    this.#start = now();
  }

  /** Reports `done`; returns whether an event was emitted. */
  update(done: number, extra: Partial<Progress> = {}): boolean {
    const t = this.#now();
    const final = done >= this.#total;
    if (!final && t - this.#last < this.#intervalMs) return false;
    this.#last = t;
    const stats = progressStats(done, this.#total, t - this.#start);
    const p: Progress = { ...this.#base, ...extra, done, total: this.#total };
    if (stats.ratePerSec !== null) p.rate = stats.ratePerSec;
    if (stats.etaMs !== null) p.etaMs = stats.etaMs;
    this.#emit(p);
    return true;
  }
}
