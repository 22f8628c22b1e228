/**
 * The lab's side of the search worker: typed calls that resolve with the worker's result, stream
 * progress, and cancel through an AbortSignal. A worker that dies (out of memory) fails the calls
 * in flight with `worker-crashed`; the next call starts a fresh worker.
 * @example
 * const search = new SearchClient(() => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' }));
 * const summary = await search.call('open', { collection: id });
 */
import type { FromSearchWorker, JobProgress, SearchRequests, SearchRequestType, ToSearchWorker, WorkerFailure } from './protocol';

export class SearchCallError extends Error {
  readonly code: string;
  constructor(failure: WorkerFailure) {
    super(failure.message);
    this.name = 'SearchCallError';
    this.code = failure.code;
  }
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  onProgress?: (p: JobProgress) => void;
}

export interface WorkerLike {
  postMessage(msg: ToSearchWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromSearchWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export class SearchClient {
  readonly #make: () => WorkerLike;
  #worker: WorkerLike | null = null;
  #next = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(makeWorker: () => WorkerLike) {
    this.#make = makeWorker;
  }

  #ensure(): WorkerLike {
    if (this.#worker) return this.#worker;
    const w = this.#make();
    w.onmessage = (e) => this.#receive(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this.#crash(e.message || 'the search worker stopped');
    };
    this.#worker = w;
    return w;
  }

  #receive(msg: FromSearchWorker): void {
    const p = this.#pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.#pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.result);
    else p.reject(new SearchCallError(msg.error));
  }

  #crash(message: string): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const p of this.#pending.values()) p.reject(new SearchCallError({ code: 'worker-crashed', message }));
    this.#pending.clear();
  }

  call<K extends SearchRequestType>(
    type: K,
    args: SearchRequests[K]['args'],
    opts: { signal?: AbortSignal; onProgress?: (p: JobProgress) => void; transfer?: Transferable[] } = {},
  ): Promise<SearchRequests[K]['result']> {
    if (opts.signal?.aborted) return Promise.reject(new SearchCallError({ code: 'cancelled', message: 'cancelled' }));
    const worker = this.#ensure();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: opts.onProgress });
      opts.signal?.addEventListener('abort', () => worker.postMessage({ type: 'cancel', id }), { once: true });
      worker.postMessage({ type, id, ...args } as ToSearchWorker, opts.transfer ?? []);
    });
  }

  dispose(): void {
    this.#crash('disposed');
  }
}
