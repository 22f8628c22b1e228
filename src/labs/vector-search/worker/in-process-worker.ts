/**
 * A search worker that runs in the same thread (for Node tests): the real dispatcher and engine,
 * messages passed asynchronously and structured-cloned as a real worker would.
 */
import type { VectorStore } from '../store/vector-db';
import { createDispatcher } from './dispatch';
import type { FromSearchWorker, ToSearchWorker } from './protocol';
import type { WorkerLike } from './search-client';
import { SearchEngine } from './search-engine';

export function inProcessWorker(store: VectorStore): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(msg: ToSearchWorker) {
      const copy = structuredClone(msg);
      setTimeout(() => dispatch(copy), 0);
    },
    terminate() {},
  };
  const dispatch = createDispatcher(new SearchEngine(store, { yieldNow: () => new Promise((r) => setTimeout(r, 0)) }), (msg: FromSearchWorker) => {
    const copy = structuredClone(msg);
    setTimeout(() => worker.onmessage?.({ data: copy } as MessageEvent<FromSearchWorker>), 0);
  });
  return worker;
}
