/** What a `ProgressStore` depends on, injectable so tests control storage, tabs, clock and ids. */
import type { StorageHandle } from '../lib/storage/open-storage';
import { browserStorageManager, type StorageManagerLike } from '../lib/storage/persistence';
import { openSyncChannel, type SyncChannel, type SyncMessage } from './sync-channel';

export interface ProgressStoreOptions {
  /** The page's shared storage unless given. */
  storage?: Pick<StorageHandle, 'open' | 'subscribe'>;
  /** Opens the channel to other tabs; null for none. */
  channel?: ((onMessage: (message: SyncMessage) => void) => SyncChannel | null) | null;
  storageManager?: StorageManagerLike | null;
  /** Where `pagehide` and `visibilitychange` arrive, to flush pending time; null for none. */
  lifecycle?: EventTarget | null;
  now?: () => number;
  newId?: () => string;
  /** How long `addTime` batches before writing. */
  timeFlushMs?: number;
}

export type ResolvedOptions = Required<Omit<ProgressStoreOptions, 'storage'>> & Pick<ProgressStoreOptions, 'storage'>;

export function withDefaults(options: ProgressStoreOptions): ResolvedOptions {
  return {
    storage: options.storage,
    channel: options.channel === undefined ? openSyncChannel : options.channel,
    storageManager: options.storageManager === undefined ? browserStorageManager() : options.storageManager,
    lifecycle: options.lifecycle === undefined ? (typeof window === 'undefined' ? null : window) : options.lifecycle,
    now: options.now ?? Date.now,
    newId: options.newId ?? (() => crypto.randomUUID()),
    timeFlushMs: options.timeFlushMs ?? 10_000,
  };
}
