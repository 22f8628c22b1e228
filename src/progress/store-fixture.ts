/**
 * Test fixture: a `ProgressStore` on its own IndexedDB database and sync channel, with a clock
 * and ids the test controls. Two fixtures made with the same `tab` options share the database
 * and channel, like two tabs of the app.
 */
import { openStorage, StorageHandle, type OpenedStorage } from '../lib/storage/open-storage';
import type { OpenLabDBOptions } from '../lib/storage/db';
import type { StorageManagerLike } from '../lib/storage/persistence';
import { ProgressStore, type ProgressStoreOptions } from './progress-store.svelte';
import { openSyncChannel } from './sync-channel';

export interface Tab {
  dbName: string;
  channelName: string;
  clock: { now: number };
}

export function newTabContext(): Tab {
  const id = Math.random().toString(36).slice(2);
  return { dbName: `progress-${id}`, channelName: `progress-${id}`, clock: { now: 1_700_000_000_000 } };
}

export function storeFor(
  tab: Tab,
  { open, ...options }: ProgressStoreOptions & { open?: (o: OpenLabDBOptions) => Promise<OpenedStorage> } = {},
): ProgressStore {
  let ids = 0;
  open ??= (o: OpenLabDBOptions) => openStorage({ ...o, name: tab.dbName });
  return new ProgressStore({
    storage: new StorageHandle(open),
    channel: (onMessage) => openSyncChannel(onMessage, tab.channelName),
    storageManager: { persist: async () => true, estimate: async () => ({ usage: 2_048, quota: 1_000_000 }) } satisfies StorageManagerLike,
    lifecycle: null,
    now: () => tab.clock.now,
    newId: () => `exp-${tab.channelName}-${++ids}-${Math.random().toString(36).slice(2, 6)}`,
    timeFlushMs: 30,
    ...options,
  });
}
