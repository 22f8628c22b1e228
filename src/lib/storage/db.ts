/**
 * The app's IndexedDB database: its typed schema, opening with versioned migrations, and
 * `IdbBackend`, the typed operations on its stores. Every change that touches more than one
 * record runs in one transaction.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { checkMeta, checkRecords, emptyLoad } from './checked-load';
import { checkMigrations, migrations as appMigrations, type Migration } from './migrations';
import { defaultTopicRecord, topicRecord, type Experiment, type NoteRecord, type TopicKey, type TopicRecord } from './records';
import {
  isQuotaError,
  StorageClosedError,
  StorageFullError,
  type ConnectionEvent,
  type LoadedSnapshot,
  type MetaEntries,
  type StorageBackend,
  type StorageSnapshot,
} from './storage-backend';
import { validate, type Check } from './validate';

/**
 * Store names, keys and values, checked at compile time. A lab that adds a store through a
 * migration declares it here by augmenting this interface from its own module.
 */
export interface LabDBSchema extends DBSchema {
  topics: { key: TopicKey; value: TopicRecord };
  notes: { key: TopicKey; value: NoteRecord };
  experiments: { key: string; value: Experiment; indexes: { 'by-lab': string; 'by-created': number } };
  meta: { key: string; value: unknown };
}

export type LabDB = IDBPDatabase<LabDBSchema>;
export type UpgradeTransaction = IDBPTransaction<LabDBSchema, StoreNames<LabDBSchema>[], 'versionchange'>;

export const DB_NAME = 'llm-learning-lab';

export interface OpenLabDBOptions {
  name?: string;
  migrations?: readonly Migration[];
  now?: () => number;
  onEvent?: (event: ConnectionEvent) => void;
}

/**
 * Opens (creating or upgrading) the database at version `migrations.length`. On `versionchange`
 * from a newer tab it closes itself and reports `version-change`; a failing migration aborts the
 * upgrade, leaving the database as it was, and rejects with that migration's error.
 */
export async function openLabDB(options: OpenLabDBOptions = {}): Promise<LabDB> {
  const { name = DB_NAME, migrations = appMigrations, now = Date.now, onEvent = () => {} } = options;
  checkMigrations(migrations);
  let migrationError: unknown = null;
  try {
    return await openDB<LabDBSchema>(name, migrations.length, {
      upgrade(db, oldVersion, newVersion, tx) {
        tx.done.catch(() => {}); // an aborted upgrade is reported by openDB's rejection below
        runMigrations(db, tx, migrations.slice(oldVersion, newVersion ?? migrations.length), now()).catch((error) => {
          migrationError = error;
          abortQuietly(tx);
        });
      },
      blocked: () => onEvent('blocked'),
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        onEvent('version-change');
      },
      terminated: () => onEvent('terminated'),
    });
  } catch (error) {
    throw migrationError ?? error;
  }
}

async function runMigrations(db: LabDB, tx: UpgradeTransaction, pending: readonly Migration[], now: number) {
  for (const migration of pending) {
    try {
      await migration.upgrade(db, tx, { now });
    } catch (error) {
      throw new Error(`IndexedDB migration to v${migration.version} (${migration.description}) failed: ${String(error)}`, {
        cause: error,
      });
    }
  }
  const meta = tx.objectStore('meta');
  const previous = (await meta.get('schema')) as MetaEntries['schema'] | undefined;
  const history = Array.isArray(previous?.history) ? previous.history : [];
  const version = pending.at(-1)?.version ?? db.version;
  const schema: MetaEntries['schema'] = { version, history: [...history, { version, at: now }] };
  await meta.put(schema, 'schema');
}

function abortQuietly(tx: { abort(): void }) {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted by the failing request itself.
  }
}

/**
 * Runs `body` in `tx`; if it throws, aborts so that none of its writes land. A write refused for
 * lack of space (reported on the request as an abort, on the transaction as the quota error)
 * rejects with `StorageFullError`.
 */
async function inTransaction<T>(tx: { done: Promise<void>; abort(): void; readonly error: DOMException | null }, body: () => Promise<T>): Promise<T> {
  const done = tx.done;
  done.catch(() => {}); // awaited below, or superseded by the error `body` throws
  try {
    const result = await body();
    await done;
    return result;
  } catch (error) {
    abortQuietly(tx);
    await done.catch(() => {});
    if (isQuotaError(error) || isQuotaError(tx.error)) throw new StorageFullError({ cause: isQuotaError(error) ? error : tx.error });
    throw error;
  }
}

const SNAPSHOT_STORES = ['topics', 'notes', 'experiments'] as const;

export class IdbBackend implements StorageBackend {
  readonly persistent = true;
  #db: LabDB;
  #closed: ConnectionEvent | 'closed' | null = null;

  constructor(db: LabDB) {
    this.#db = db;
  }

  /** Called by the opener when the connection goes away, so later calls fail with a clear error. */
  markClosed(reason: ConnectionEvent | 'closed'): void {
    this.#closed ??= reason;
  }

  get #open(): LabDB {
    if (this.#closed) throw new StorageClosedError(this.#closed);
    return this.#db;
  }

  async load(): Promise<LoadedSnapshot> {
    const tx = this.#open.transaction(SNAPSHOT_STORES, 'readonly');
    const loaded = emptyLoad();
    await Promise.all(
      SNAPSHOT_STORES.map(async (name) => {
        const store = tx.objectStore(name);
        const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
        const entries = keys.map((key, i) => [key, values[i]] as const);
        (loaded[name] as unknown[]) = checkRecords(name, entries, loaded.damaged);
      }),
    );
    return loaded;
  }

  async loadSome(keys: readonly TopicKey[], experimentIds: readonly string[]): Promise<LoadedSnapshot> {
    const tx = this.#open.transaction(SNAPSHOT_STORES, 'readonly');
    const loaded = emptyLoad();
    const read = async <S extends keyof StorageSnapshot>(name: S, ids: readonly (TopicKey | string)[]) => {
      const store = tx.objectStore(name);
      const values = await Promise.all(ids.map((id) => store.get(id as never)));
      const entries = ids.flatMap((id, i) => (values[i] === undefined ? [] : [[id, values[i]] as const]));
      (loaded[name] as unknown[]) = checkRecords(name, entries, loaded.damaged);
    };
    await Promise.all([read('topics', keys), read('notes', keys), read('experiments', experimentIds)]);
    return loaded;
  }

  async updateTopics(keys: readonly TopicKey[], change: (current: TopicRecord) => TopicRecord): Promise<TopicRecord[]> {
    const tx = this.#open.transaction('topics', 'readwrite');
    return inTransaction(tx, async () => {
      const updated: TopicRecord[] = [];
      for (const key of keys) {
        const stored: unknown = await tx.store.get(key);
        const checked = stored === undefined ? null : validate(topicRecord, stored, key);
        const next = change(checked?.ok ? checked.value : defaultTopicRecord(key));
        void tx.store.put(next).catch(() => {}); // a failure aborts tx, and `done` reports it
        updated.push(next);
      }
      return updated;
    });
  }

  async putNote(note: NoteRecord): Promise<void> {
    const tx = this.#open.transaction('notes', 'readwrite');
    await inTransaction(tx, async () => void tx.store.put(note).catch(() => {}));
  }

  async putExperiment(experiment: Experiment): Promise<void> {
    const tx = this.#open.transaction('experiments', 'readwrite');
    await inTransaction(tx, async () => void tx.store.put(experiment).catch(() => {}));
  }

  async deleteExperiment(id: string): Promise<void> {
    await this.#open.delete('experiments', id);
  }

  async rewrite(next: (current: StorageSnapshot) => StorageSnapshot, replace: boolean): Promise<void> {
    const tx = this.#open.transaction(SNAPSHOT_STORES, 'readwrite');
    await inTransaction(tx, async () => {
      const current = emptyLoad();
      for (const name of SNAPSHOT_STORES) {
        const store = tx.objectStore(name);
        const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
        (current[name] as unknown[]) = checkRecords(name, keys.map((k, i) => [k, values[i]] as const), []);
      }
      const result = next(current);
      if (replace) await Promise.all(SNAPSHOT_STORES.map((name) => tx.objectStore(name).clear()));
      for (const name of SNAPSHOT_STORES) {
        const store = tx.objectStore(name);
        // `put` throws at once on a value it cannot store; inTransaction then aborts everything.
        for (const record of result[name]) void store.put(record as never).catch(() => {});
      }
    });
  }

  async getMeta<K extends keyof MetaEntries & string>(key: K, check: Check<MetaEntries[K]>): Promise<MetaEntries[K] | undefined> {
    return checkMeta(key, await this.#open.get('meta', key), check);
  }

  async setMeta<K extends keyof MetaEntries & string>(key: K, value: MetaEntries[K]): Promise<void> {
    const tx = this.#open.transaction('meta', 'readwrite');
    await inTransaction(tx, async () => void tx.store.put(value, key).catch(() => {}));
  }

  async deleteMeta(key: keyof MetaEntries & string): Promise<void> {
    await this.#open.delete('meta', key);
  }

  close(): void {
    this.markClosed('closed');
    this.#db.close();
  }
}
