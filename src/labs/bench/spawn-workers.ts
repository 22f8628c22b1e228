/** The benchmark workers, started from the page (each a separate module worker, bundled by Vite). */
import { WorkerRpc } from './workers/rpc';
import type { PeerHandlers } from './workers/peer-worker';
import type { VectorHandlers } from './workers/vector-worker';

/** A fresh peer worker whose ONNX Runtime uses `threads` WebAssembly threads. */
export function startPeerWorker(threads: number): WorkerRpc<PeerHandlers> {
  return new WorkerRpc(new Worker(new URL('./workers/peer-worker.ts', import.meta.url), { type: 'module', name: `bench-peer:${threads}` }));
}

export function startVectorWorker(): WorkerRpc<VectorHandlers> {
  return new WorkerRpc(new Worker(new URL('./workers/vector-worker.ts', import.meta.url), { type: 'module', name: 'bench-vectors' }));
}
