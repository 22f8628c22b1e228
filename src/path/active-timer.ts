/**
 * Accumulates the time a page is actually looked at: runs only between `resume()` and `pause()`
 * (the view pauses it when the tab is hidden). `take()` hands over the time so far and restarts the count.
 */
export class ActiveTimer {
  #now: () => number;
  #runningSince: number | null = null;
  #banked = 0;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  get running(): boolean {
    return this.#runningSince !== null;
  }

  resume(): void {
    if (this.#runningSince === null) this.#runningSince = this.#now();
  }

  pause(): void {
    if (this.#runningSince === null) return;
    this.#banked += this.#now() - this.#runningSince;
    this.#runningSince = null;
  }

  /** Milliseconds accumulated since the last take; keeps running if it was running. */
  take(): number {
    const wasRunning = this.running;
    this.pause();
    const ms = this.#banked;
    this.#banked = 0;
    if (wasRunning) this.resume();
    return ms;
  }
}
