/**
 * Request/reply over a worker's messages for the benchmark workers: each request carries an id,
 * the worker answers with exactly one `{ id, ok, result | error }`, and may send `{ id, progress }`
 * before it.
 */

export type Handlers = Record<string, (args: never, progress: (message: string) => void) => unknown>;

type Args<H extends Handlers, K extends keyof H> = Parameters<H[K]>[0];
type Result<H extends Handlers, K extends keyof H> = Awaited<ReturnType<H[K]>>;

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string } | { id: number; progress: string };

interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** The page's side: `await rpc.call('matmul', { size: 1024 })`. */
export class WorkerRpc<H extends Handlers> {
  readonly #worker: WorkerLike;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (m: string) => void }>();
  #next = 1;
  /** Set once the worker died: later calls fail at once instead of waiting for a reply that cannot come. */
  #dead: Error | null = null;

  constructor(worker: WorkerLike) {
    this.#worker = worker;
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const msg = e.data;
      const p = this.#pending.get(msg.id);
      if (!p) return;
      if ('progress' in msg) return p.progress?.(msg.progress);
      this.#pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      this.#failAll(new Error(`benchmark worker crashed: ${e.message || 'uncaught error'}`));
    };
  }

  call<K extends keyof H & string>(type: K, args: Args<H, K>, opts: { transfer?: Transferable[]; progress?: (m: string) => void } = {}): Promise<Result<H, K>> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress: opts.progress });
      this.#worker.postMessage({ id, type, args }, opts.transfer ?? []);
    });
  }

  #failAll(error: Error): void {
    this.#dead ??= error;
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }

  terminate(): void {
    this.#worker.terminate();
    this.#failAll(new Error('benchmark worker stopped'));
  }
}

/** The worker's side: answers requests with `handlers[type](args)`; results listed by `transfer` are moved, not copied. */
export function serve(scope: { onmessage: ((e: MessageEvent) => void) | null; postMessage(m: unknown, t?: Transferable[]): void }, handlers: Handlers, transfer: (result: unknown) => Transferable[] = () => []): void {
  let queue = Promise.resolve();
  scope.onmessage = (e: MessageEvent<{ id: number; type: string; args: unknown }>) => {
    const { id, type, args } = e.data;
    // one request at a time: timings never overlap
    queue = queue.then(async () => {
      try {
        const handler = handlers[type];
        if (!handler) throw new Error(`unknown request ${type}`);
        const result = await handler(args as never, (progress) => scope.postMessage({ id, progress }));
        scope.postMessage({ id, ok: true, result }, transfer(result));
      } catch (err) {
        scope.postMessage({ id, ok: false, error: err instanceof Error ? `${err.message}` : String(err) });
      }
    });
  };
}
