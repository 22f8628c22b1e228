import type { ModelManifest } from '../../../vite/model-files';
import { MODELS_BASE } from '../../lib/runtime/paths';

/** The shipped models' manifest, `/models/manifest.json`. */
export async function fetchManifest(): Promise<ModelManifest> {
  const res = await fetch(`${MODELS_BASE}manifest.json`);
  if (!res.ok) throw new Error(`${MODELS_BASE}manifest.json: HTTP ${res.status}`);
  return (await res.json()) as ModelManifest;
}

/** Bytes of a shipped model already in Cache Storage (the service worker's precache): what works offline. */
export async function shippedCachedBytes(id: string, files: readonly { path: string; size: number }[]): Promise<number | null> {
  if (typeof caches === 'undefined') return null;
  let sum = 0;
  for (const f of files) {
    const url = new URL(`${MODELS_BASE}${id}/${f.path}`, location.href).href;
    if (await caches.match(url, { ignoreSearch: true })) sum += f.size;
  }
  return sum;
}
