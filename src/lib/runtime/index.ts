/**
 * The runtime client: `import { runtime } from '$lib/runtime'` (or a relative path). All model
 * work runs in one inference worker behind it; see docs/ARCHITECTURE.md → "Runtime worker".
 */
import { get } from 'svelte/store';
import { t } from '../i18n';
import { pwa } from '../pwa/pwa-update.svelte';
import { RuntimeClient } from './client.svelte';
import { EmbedPool, replicaCount } from './embed-pool';

export { RuntimeClient, RuntimeStatus, type WorkerLike } from './client.svelte';
export { RuntimeError, isRuntimeError, type RuntimeErrorKind, type RuntimeErrorCode } from './errors';
export { formatModelRef, parseModelRef, isHubModelId } from './model-ref';
export { labsFor, type ServedLab } from './capabilities';
export type { ModelInspection } from './protocol';
export type * from './types';

/** Dev builds and `?debug=1` expose test hooks (`runtime.__killWorkerForTest()`, `globalThis.__llmLab`). */
export const RUNTIME_DEBUG =
  import.meta.env.MODE !== 'production' || (typeof location !== 'undefined' && new URLSearchParams(location.search).has('debug'));

const holdReload = () => pwa.deferReload(get(t)('runtime.status.holdsReload'));
const replicas = typeof navigator === 'undefined' ? 0 : replicaCount(navigator.hardwareConcurrency);

export const runtime = new RuntimeClient({
  createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'llm-lab-inference' }) as never,
  debug: RUNTIME_DEBUG,
  holdReload,
  // long embedding jobs on WebAssembly run on one-thread replicas of the model, one per core (up to 4)
  embedPool:
    replicas > 0
      ? new EmbedPool(replicas, (i) => new RuntimeClient({ createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `llm-lab-inference-replica-${i}:1t` }) as never, debug: RUNTIME_DEBUG }))
      : null,
});

if (RUNTIME_DEBUG && typeof globalThis !== 'undefined') {
  (globalThis as { __llmLab?: { runtime: RuntimeClient } }).__llmLab = { runtime };
}
