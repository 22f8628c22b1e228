/**
 * Asking the browser to keep the app's data (`navigator.storage.persist()`), once per profile,
 * and reading how much space it uses (`navigator.storage.estimate()`) for the settings page.
 */
import type { StorageBackend } from './storage-backend';
import { boolean, object } from './validate';
import { timestamp } from './records';

/** The part of `navigator.storage` used here; absent in old browsers and insecure contexts. */
export type StorageManagerLike = Pick<StorageManager, 'persist' | 'estimate'>;

export function browserStorageManager(): StorageManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

const persistenceEntry = object({ requestedAt: timestamp, granted: boolean() });

/**
 * Calls `persist()` unless an earlier call was recorded in `meta`; returns whether storage is
 * persistent as far as is known (null when the browser has no storage manager).
 */
export async function requestPersistenceOnce(
  backend: StorageBackend,
  manager: StorageManagerLike | null,
  now: () => number = Date.now,
): Promise<boolean | null> {
  if (!backend.persistent || !manager) return null;
  const earlier = await backend.getMeta('persistence', persistenceEntry);
  if (earlier) return earlier.granted;
  let granted = false;
  try {
    granted = await manager.persist();
  } catch {
    granted = false; // some browsers reject outside a secure context; asking again will not help
  }
  await backend.setMeta('persistence', { requestedAt: now(), granted });
  return granted;
}

export async function storageEstimate(manager: StorageManagerLike | null): Promise<{ usage: number; quota: number } | null> {
  if (!manager) return null;
  try {
    const { usage, quota } = await manager.estimate();
    return typeof usage === 'number' && typeof quota === 'number' ? { usage, quota } : null;
  } catch {
    return null;
  }
}
