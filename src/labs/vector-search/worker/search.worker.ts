/// <reference lib="webworker" />
/**
 * The lab's search worker: it holds open collections in memory and runs every search, index build,
 * evaluation and map layout off the UI thread (`search-engine.ts`; messages in `protocol.ts`).
 */
import { VectorStore } from '../store/vector-db';
import { createDispatcher } from './dispatch';
import type { ToSearchWorker } from './protocol';
import { SearchEngine } from './search-engine';

declare const self: DedicatedWorkerGlobalScope;

const dispatch = createDispatcher(new SearchEngine(new VectorStore()), (msg, transfer) => self.postMessage(msg, transfer));
self.onmessage = (e: MessageEvent<ToSearchWorker>) => dispatch(e.data);
