import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { array, number, object, oneOf, refine, string, validate, type Check } from '../storage/validate';
import { formatBytes } from '../ui/progress-stats';
import { describeError, isQuotaError, RuntimeError } from './errors';
import { formatModelRef } from './model-ref';
import type { ModelRef } from './types';

/**
 * The models database (`llm-lab-models`, separate from the progress database): Hub downloads and
 * imported folders, file by file, plus the model manager's benchmark history. Every change that
 * touches several records runs in one transaction, so a quota error leaves nothing half-written.
 */

export const MODELS_DB_NAME = 'llm-lab-models';

export interface StoredFileInfo {
  path: string;
  size: number;
}

export interface StoredModel {
  /** `hub:<id>` or `local:<name>` (see `formatModelRef`). */
  key: string;
  ref: ModelRef;
  files: StoredFileInfo[];
  totalBytes: number;
  createdAt: number;
  updatedAt: number;
}

export interface StoredFile {
  model: string;
  path: string;
  bytes: ArrayBuffer;
}

export interface BenchRun {
  id?: number;
  model: string;
  backend: 'wasm' | 'webgpu';
  dtype: 'fp32' | 'q8';
  threads: number;
  tokens: number;
  runs: number;
  latenciesMs: number[];
  medianMs: number;
  p90Ms: number;
  tokensPerSec: number;
  createdAt: number;
}

export interface ModelsDBSchema extends DBSchema {
  models: { key: string; value: StoredModel };
  files: { key: [string, string]; value: StoredFile; indexes: { 'by-model': string } };
  'bench-runs': { key: number; value: BenchRun; indexes: { 'by-model': string; 'by-created': number } };
}

export type ModelsDB = IDBPDatabase<ModelsDBSchema>;

/** The check a model record passes when read back (another app version or devtools may have damaged it). */
const storedModelCheck: Check<StoredModel> = refine(
  object({
    key: string({ maxLength: 500 }),
    ref: object({ source: oneOf(['shipped', 'hub', 'local'] as const), id: string({ maxLength: 300 }) }),
    files: array(object({ path: string({ maxLength: 1_000 }), size: number({ min: 0, integer: true }) }), { maxLength: 10_000 }),
    totalBytes: number({ min: 0 }),
    createdAt: number({ min: 0 }),
    updatedAt: number({ min: 0 }),
  }),
  (m) => (m.key === formatModelRef(m.ref) ? null : `its key ${JSON.stringify(m.key)} does not match its ref`),
);

/** The record if it passes its check; otherwise undefined, with a warning naming it. */
function checkedModel(key: unknown, value: unknown): StoredModel | undefined {
  const r = validate(storedModelCheck, value, `models[${JSON.stringify(key)}]`);
  if (r.ok) return r.value;
  console.warn(`Skipped a damaged model record: ${r.error.message}`);
  return undefined;
}

/**
 * Opens (creating) the database. Closes itself when a newer version elsewhere needs the upgrade.
 * Where IndexedDB is missing or refuses to open (some private modes) the promise rejects; it never throws.
 */
export async function openModelsDB(name = MODELS_DB_NAME): Promise<ModelsDB> {
  return openDB<ModelsDBSchema>(name, 1, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('models', { keyPath: 'key' });
        db.createObjectStore('files', { keyPath: ['model', 'path'] }).createIndex('by-model', 'model');
        const bench = db.createObjectStore('bench-runs', { keyPath: 'id', autoIncrement: true });
        bench.createIndex('by-model', 'model');
        bench.createIndex('by-created', 'createdAt');
      }
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** The bytes as an ArrayBuffer of their own (a view of a larger buffer, e.g. a pooled Node Buffer, is copied). */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Typed operations on the models database. */
export class ModelStore {
  readonly #db: Promise<ModelsDB>;
  readonly #now: () => number;

  constructor(db: Promise<ModelsDB> = openModelsDB(), now: () => number = Date.now) {
    this.#db = db;
    db.catch(() => {}); // a database that did not open fails each call that needs it, not the page
    this.#now = now;
  }

  /**
   * Stores files of a model in ONE transaction: with `replace`, the model's previous files go;
   * without, the files join those already stored (a Hub model gaining its fp32 graph). On any
   * failure (quota included) the transaction aborts and the store is as it was.
   */
  async putModel(ref: ModelRef, files: readonly { path: string; bytes: Uint8Array }[], { replace = false } = {}): Promise<StoredModel> {
    const db = await this.#db;
    const key = formatModelRef(ref);
    const tx = db.transaction(['models', 'files'], 'readwrite');
    const models = tx.objectStore('models');
    const fileStore = tx.objectStore('files');
    const newBytes = files.reduce((s, f) => s + f.bytes.byteLength, 0);
    try {
      const stored: unknown = await models.get(key);
      const prev = stored === undefined ? undefined : checkedModel(key, stored);
      if (replace) await fileStore.delete(IDBKeyRange.bound([key, ''], [key, []])); // every file of the model, listed or not
      const byPath = new Map((replace ? [] : (prev?.files ?? [])).map((f) => [f.path, f] as const));
      for (const f of files) {
        await fileStore.put({ model: key, path: f.path, bytes: toArrayBuffer(f.bytes) });
        byPath.set(f.path, { path: f.path, size: f.bytes.byteLength });
      }
      const list = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
      const now = this.#now();
      const record: StoredModel = {
        key,
        ref: { source: ref.source, id: ref.id },
        files: list,
        totalBytes: list.reduce((s, f) => s + f.size, 0),
        createdAt: replace || !prev ? now : prev.createdAt,
        updatedAt: now,
      };
      await models.put(record);
      await tx.done;
      return record;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        /* already finished or aborted */
      }
      await tx.done.catch(() => {});
      if (isQuotaError(e) || isQuotaError(tx.error)) {
        throw new RuntimeError('quota', { model: key, size: formatBytes(newBytes) }, describeError(e));
      }
      throw new RuntimeError('storage-failed', { model: key, detail: describeError(e) }, describeError(e));
    }
  }

  /** The model's record; undefined when absent or damaged (a damaged record is reported and skipped). */
  async getModel(ref: ModelRef): Promise<StoredModel | undefined> {
    const key = formatModelRef(ref);
    const value: unknown = await (await this.#db).get('models', key);
    return value === undefined ? undefined : checkedModel(key, value);
  }

  /** Every readable model record; damaged ones are reported and skipped. */
  async listModels(): Promise<StoredModel[]> {
    const tx = (await this.#db).transaction('models', 'readonly');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return keys.flatMap((key, i) => checkedModel(key, values[i]) ?? []);
  }

  /** The bytes of one stored file, or null when it is not stored. */
  async readFile(ref: ModelRef, path: string): Promise<Uint8Array | null> {
    const f = await (await this.#db).get('files', [formatModelRef(ref), path]);
    return f ? new Uint8Array(f.bytes) : null;
  }

  /** Deletes a model and all its files in one transaction; returns whether it existed. */
  async deleteModel(ref: ModelRef): Promise<boolean> {
    const db = await this.#db;
    const key = formatModelRef(ref);
    const tx = db.transaction(['models', 'files'], 'readwrite');
    const existed = (await tx.objectStore('models').get(key)) !== undefined;
    let cursor = await tx.objectStore('files').index('by-model').openKeyCursor(IDBKeyRange.only(key));
    while (cursor) {
      await tx.objectStore('files').delete(cursor.primaryKey);
      cursor = await cursor.continue();
    }
    await tx.objectStore('models').delete(key);
    await tx.done;
    return existed;
  }

  async addBenchRun(run: Omit<BenchRun, 'id'>): Promise<number> {
    return (await this.#db).add('bench-runs', run as BenchRun);
  }

  /** Benchmark runs, oldest first; of one model when `model` (a formatted ref) is given. */
  async listBenchRuns(model?: string): Promise<BenchRun[]> {
    const db = await this.#db;
    const runs = model === undefined ? await db.getAllFromIndex('bench-runs', 'by-created') : await db.getAllFromIndex('bench-runs', 'by-model', model);
    return runs.sort((a, b) => a.createdAt - b.createdAt);
  }

  async clearBenchRuns(): Promise<void> {
    await (await this.#db).clear('bench-runs');
  }

  async close(): Promise<void> {
    (await this.#db.catch(() => null))?.close();
  }
}
