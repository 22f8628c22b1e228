/**
 * Opens the app's storage once per page: IndexedDB when it works, otherwise the in-memory
 * fallback (with the reason, so the UI can warn that progress will not be kept).
 */
import { DB_NAME, IdbBackend, openLabDB, type LabDB, type OpenLabDBOptions } from './db';
import { MemoryBackend } from './memory-backend';
import type { ConnectionEvent, StorageBackend } from './storage-backend';

export interface OpenedStorage {
  backend: StorageBackend;
  /** The raw connection, for labs that keep their own stores; null on the in-memory fallback. */
  database: LabDB | null;
  /** Why IndexedDB is not used, or null when it is. */
  fallbackReason: string | null;
}

export async function openStorage(options: OpenLabDBOptions = {}): Promise<OpenedStorage> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) {
    return memory('IndexedDB is not available in this browser.');
  }
  let backend: IdbBackend | null = null;
  const onEvent = (event: ConnectionEvent) => {
    if (event !== 'blocked') backend?.markClosed(event);
    options.onEvent?.(event);
  };
  try {
    const database = await openLabDB({ name: DB_NAME, ...options, onEvent });
    backend = new IdbBackend(database);
    return { backend, database, fallbackReason: null };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.warn(`IndexedDB could not be opened; progress is kept in memory only. ${reason}`);
    return memory(`IndexedDB could not be opened (${reason}).`);
  }
}

function memory(fallbackReason: string): OpenedStorage {
  return { backend: new MemoryBackend(), database: null, fallbackReason };
}

type ConnectionListener = (event: ConnectionEvent) => void;

/** One storage per page, shared by the progress store, the secrets helper and the labs. */
export class StorageHandle {
  #open: (options: OpenLabDBOptions) => Promise<OpenedStorage>;
  #opened: Promise<OpenedStorage> | null = null;
  #listeners = new Set<ConnectionListener>();
  #last: ConnectionEvent | null = null;

  constructor(open: (options: OpenLabDBOptions) => Promise<OpenedStorage> = openStorage) {
    this.#open = open;
  }

  /** Opens on first call; later calls get the same storage. */
  open(): Promise<OpenedStorage> {
    this.#opened ??= this.#open({
      onEvent: (event) => {
        this.#last = event;
        for (const listener of this.#listeners) listener(event);
      },
    }).then((opened) => {
      if (this.#last === 'blocked') this.#last = null; // the wait is over
      return opened;
    });
    return this.#opened;
  }

  /** Connection events from now on (and the latest one so far); returns the unsubscribe. */
  subscribe(listener: ConnectionListener): () => void {
    this.#listeners.add(listener);
    if (this.#last) listener(this.#last);
    return () => this.#listeners.delete(listener);
  }
}

export const storage = new StorageHandle();
