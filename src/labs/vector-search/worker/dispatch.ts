/**
 * The search worker's message handling, apart from the worker global: runs each command on the
 * engine, streams progress, answers with one result (its typed arrays transferred) or error, and
 * aborts a job on `cancel`. `search.worker.ts` wires it to `self`; tests wire it to an in-process
 * worker stand-in around the same engine.
 */
import { VectorStoreError } from '../store/vector-db';
import type { FromSearchWorker, SearchCommand, SearchRequests, SearchRequestType, ToSearchWorker, WorkerFailure } from './protocol';
import { EngineError, type JobContext } from './engine-context';
import type { SearchEngine } from './search-engine';

type Handler<K extends SearchRequestType> = (c: Extract<SearchCommand, { type: K }>, ctx: JobContext) => Promise<SearchRequests[K]['result']> | SearchRequests[K]['result'];

function handlers(engine: SearchEngine): { [K in SearchRequestType]: Handler<K> } {
  return {
    open: (c, ctx) => engine.open(c.collection, ctx),
    close: (c) => {
      engine.close(c.collection);
      return null;
    },
    search: (c) => engine.search(c.req),
    build: (c, ctx) => engine.buildIndex(c.collection, c.params, ctx),
    evaluate: (c, ctx) => engine.evaluate(c.req, ctx),
    efSweep: (c, ctx) => engine.efSweep(c.req, ctx),
    pca: (c) => engine.pcaLayout(c.collection),
    umap: (c, ctx) => engine.umapLayout(c.collection, c.opts, ctx),
    project: (c) => engine.projectQuery(c.collection, c.vector, c.layout),
    categories: (c) => engine.categories(c.collection, c.by),
    chunk: (c) => engine.chunk(c.collection, c.index),
    vector: (c) => engine.vectorOf(c.collection, c.index),
  };
}

export function failure(e: unknown, aborted: boolean): WorkerFailure {
  if (aborted || (e instanceof EngineError && e.code === 'cancelled')) return { code: 'cancelled', message: 'cancelled' };
  if (e instanceof EngineError || e instanceof VectorStoreError) return { code: e.code, message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export function transfers(result: unknown): Transferable[] {
  if (result instanceof Float32Array) return [result.buffer as ArrayBuffer];
  if (result && typeof result === 'object') {
    const r = result as { coords?: unknown; codes?: unknown; rows?: unknown };
    return [r.coords, r.codes, r.rows].filter((x): x is Float32Array => ArrayBuffer.isView(x)).map((x) => x.buffer as ArrayBuffer);
  }
  return [];
}

/** Returns the `onmessage` handler of a search worker around `engine`. */
export function createDispatcher(engine: SearchEngine, post: (msg: FromSearchWorker, transfer: Transferable[]) => void): (msg: ToSearchWorker) => void {
  const table = handlers(engine);
  const jobs = new Map<number, AbortController>();
  async function execute(cmd: SearchCommand): Promise<void> {
    const ac = new AbortController();
    jobs.set(cmd.id, ac);
    try {
      const handler = table[cmd.type] as Handler<typeof cmd.type>;
      const result = await handler(cmd as never, { signal: ac.signal, progress: (p) => post({ type: 'progress', id: cmd.id, progress: p }, []) });
      post({ type: 'result', id: cmd.id, result }, transfers(result));
    } catch (e) {
      post({ type: 'error', id: cmd.id, error: failure(e, ac.signal.aborted) }, []);
    } finally {
      jobs.delete(cmd.id);
    }
  }
  return (msg) => {
    if (msg.type === 'cancel') jobs.get(msg.id)?.abort();
    else void execute(msg);
  };
}
