/**
 * The contract both storage backends keep: `IdbBackend` (IndexedDB, in `db.ts`) and
 * `MemoryBackend` (the fallback when IndexedDB cannot be opened). The progress store talks only
 * to this interface, so it behaves the same whichever backend it got.
 */
import type { Experiment, NoteRecord, TopicKey, TopicRecord } from './records';
import type { Check } from './validate';

export interface StorageSnapshot {
  topics: TopicRecord[];
  notes: NoteRecord[];
  experiments: Experiment[];
}

export type StoreName = keyof StorageSnapshot | 'meta';

/** A record that failed its check on read: skipped, and reported so the UI can say so. */
export interface DamagedRecord {
  store: StoreName;
  key: string;
  problem: string;
}

export interface LoadedSnapshot extends StorageSnapshot {
  damaged: DamagedRecord[];
}

/**
 * What happened to the IndexedDB connection:
 * - `blocked`: an older tab holds the database open, so this (newer) one waits for it to close;
 * - `version-change`: a newer version of the app opened in another tab; this connection closed
 *   itself so the upgrade can proceed, and this tab must reload;
 * - `terminated`: the browser closed the connection (storage cleared, disk error).
 */
export type ConnectionEvent = 'blocked' | 'version-change' | 'terminated';

/**
 * Typed entries of the `meta` store. A module that keeps its own entry declares it by
 * augmenting this interface (`declare module '…/storage-backend' { interface MetaEntries { … } }`).
 */
export interface MetaEntries {
  schema: { version: number; history: { version: number; at: number }[] };
  persistence: { requestedAt: number; granted: boolean };
  [secret: `secret:${string}`]: string;
}

export interface StorageBackend {
  /** False for the in-memory fallback: nothing survives a reload. */
  readonly persistent: boolean;
  /** Every record that passes its check; the others are skipped and listed in `damaged`. */
  load(): Promise<LoadedSnapshot>;
  /** Only the given topics (with their notes) and experiments; absent ones are simply missing. */
  loadSome(keys: readonly TopicKey[], experimentIds: readonly string[]): Promise<LoadedSnapshot>;
  /**
   * Reads each topic (a default record when absent or damaged), applies `change` and writes the
   * result, all in one transaction, so concurrent tabs never overwrite each other's updates.
   */
  updateTopics(keys: readonly TopicKey[], change: (current: TopicRecord) => TopicRecord): Promise<TopicRecord[]>;
  putNote(note: NoteRecord): Promise<void>;
  putExperiment(experiment: Experiment): Promise<void>;
  deleteExperiment(id: string): Promise<void>;
  /**
   * Reads all valid records, computes `next` from them and writes it, in one transaction: on any
   * failure nothing changes. With `replace`, the topic, note and experiment stores are emptied
   * first; otherwise records absent from `next` stay as they are.
   */
  rewrite(next: (current: StorageSnapshot) => StorageSnapshot, replace: boolean): Promise<void>;
  /** The entry, or undefined when absent or when it fails `check` (then it is also reported). */
  getMeta<K extends keyof MetaEntries & string>(key: K, check: Check<MetaEntries[K]>): Promise<MetaEntries[K] | undefined>;
  setMeta<K extends keyof MetaEntries & string>(key: K, value: MetaEntries[K]): Promise<void>;
  deleteMeta(key: keyof MetaEntries & string): Promise<void>;
  close(): void;
}

/**
 * The browser refused a write for lack of space (`QuotaExceededError`): nothing of the change was
 * saved, everything saved before is intact, and the same write can succeed once space is freed.
 */
export class StorageFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The app's storage is full, so this change was not saved. Free some space (delete models or vector collections you no longer use) and try again; everything saved before is safe.", options);
    this.name = 'StorageFullError';
  }
}

/** A `QuotaExceededError`, itself or as the cause of another error. */
export function isQuotaError(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
  const cause = (e as { cause?: unknown }).cause;
  return cause !== undefined && cause !== e && isQuotaError(cause);
}

export class StorageClosedError extends Error {
  constructor(readonly reason: ConnectionEvent | 'closed') {
    super(`Storage is closed (${reason}); reload the page to continue saving progress.`);
    this.name = 'StorageClosedError';
  }
}
