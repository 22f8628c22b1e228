/** What every long job of the search engine shares: its context (signal, progress), errors and pacing. */

export interface JobContext {
  signal?: AbortSignal;
  progress?: (p: { done: number; total: number; stage?: string }) => void;
}

export class EngineError extends Error {
  constructor(
    readonly code: 'not-open' | 'no-vectors' | 'no-index' | 'dimension' | 'cancelled' | 'bad-request',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Lets queued messages (a cancel, a search) through between slices of a long job. */
export const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function checkSignal(signal?: AbortSignal): void {
  if (signal?.aborted) throw new EngineError('cancelled', 'cancelled');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
