/**
 * The vectors database (`llm-lab-vectors`, apart from the progress and models databases): per
 * collection a record, its chunks and its vectors in blocks of `blockSize` (Float32 ArrayBuffers),
 * its HNSW graph and its relevance judgments. Every change that touches several records runs in
 * one transaction, so a quota error or a crash never leaves a collection half-written: a batch of
 * vectors and the collection's `embedded` marker land together or not at all.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { validate } from '../../../lib/storage/validate';
import type { JudgmentSet } from '../eval/judgments';
import type { HnswGraph } from '../search/hnsw-graph';
import { chunkRecordCheck, collectionRecordCheck, type ChunkRecord, type CollectionRecord } from './collection-record';

export const VECTORS_DB_NAME = 'llm-lab-vectors';
export const BLOCK_SIZE = 256;

export interface ChunkBlock {
  collection: string;
  block: number;
  chunks: ChunkRecord[];
}

export interface VectorBlock {
  collection: string;
  block: number;
  /** Vectors in this block (the last block may be partly filled). */
  count: number;
  /** `count × dim` little-endian float32. */
  data: ArrayBuffer;
}

export interface IndexRecord {
  collection: string;
  graph: HnswGraph;
}

export interface JudgmentRecord {
  collection: string;
  set: JudgmentSet;
}

export interface VectorsDBSchema extends DBSchema {
  collections: { key: string; value: CollectionRecord };
  chunks: { key: [string, number]; value: ChunkBlock };
  vectors: { key: [string, number]; value: VectorBlock };
  indexes: { key: string; value: IndexRecord };
  judgments: { key: string; value: JudgmentRecord };
}

export type VectorsDB = IDBPDatabase<VectorsDBSchema>;
type UpgradeTx = IDBPTransaction<VectorsDBSchema, StoreNames<VectorsDBSchema>[], 'versionchange'>;

/** Schema migrations, in order: the database version is their count. Add, never edit. */
export const VECTOR_DB_MIGRATIONS: readonly { version: number; description: string; upgrade(db: VectorsDB, tx: UpgradeTx): void }[] = [
  {
    version: 1,
    description: 'collections, chunk and vector blocks, HNSW graphs, judgments',
    upgrade(db) {
      db.createObjectStore('collections', { keyPath: 'id' });
      db.createObjectStore('chunks', { keyPath: ['collection', 'block'] });
      db.createObjectStore('vectors', { keyPath: ['collection', 'block'] });
      db.createObjectStore('indexes', { keyPath: 'collection' });
      db.createObjectStore('judgments', { keyPath: 'collection' });
    },
  },
];

/** Where IndexedDB is missing or refuses to open (some private modes) the promise rejects; it never throws. */
export async function openVectorsDB(name = VECTORS_DB_NAME): Promise<VectorsDB> {
  return openDB<VectorsDBSchema>(name, VECTOR_DB_MIGRATIONS.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (const m of VECTOR_DB_MIGRATIONS.slice(oldVersion)) m.upgrade(db, tx);
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

export type VectorStoreErrorCode = 'quota' | 'not-found' | 'damaged' | 'conflict' | 'failed';

export class VectorStoreError extends Error {
  constructor(
    readonly code: VectorStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VectorStoreError';
  }
}

export function isQuotaError(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
  const inner = (e as { cause?: unknown }).cause ?? (e as { inner?: unknown }).inner;
  return inner !== undefined && inner !== e && isQuotaError(inner);
}

function wrap(e: unknown, what: string): VectorStoreError {
  if (e instanceof VectorStoreError) return e;
  if (isQuotaError(e)) return new VectorStoreError('quota', `storage is full while ${what}`, { cause: e });
  return new VectorStoreError('failed', `${what} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/**
 * A request promise whose rejection is reported by the transaction (`done`) instead: once one
 * request fails and the transaction aborts, the others reject too and must not go unhandled.
 */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Keys of every block of a collection. */
const blocksOf = (id: string) => IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);

export interface DamagedCollection {
  key: string;
  problem: string;
}

export interface NewCollection {
  record: CollectionRecord;
  chunks: readonly ChunkRecord[];
  judgments?: JudgmentSet | null;
  /** Vectors for all chunks at once (an import); absent when they will be embedded. */
  vectors?: Float32Array;
}

/** Typed operations on the vectors database. */
export class VectorStore {
  readonly #db: Promise<VectorsDB>;
  readonly #now: () => number;

  constructor(db: Promise<VectorsDB> = openVectorsDB(), now: () => number = Date.now) {
    this.#db = db;
    db.catch(() => {}); // a database that did not open fails each call that needs it, not the page
    this.#now = now;
  }

  /** Runs `body` in one read-write transaction over `stores`; any error aborts everything it wrote. */
  async #write<T>(stores: StoreNames<VectorsDBSchema>[], what: string, body: (tx: IDBPTransaction<VectorsDBSchema, StoreNames<VectorsDBSchema>[], 'readwrite'>) => Promise<T>): Promise<T> {
    const db = await this.#db;
    const tx = db.transaction(stores, 'readwrite');
    const done = tx.done;
    done.catch(() => {});
    try {
      const result = await body(tx);
      await done;
      return result;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        /* already finished or aborted */
      }
      await done.catch(() => {});
      throw wrap(isQuotaError(tx.error) ? tx.error : e, what);
    }
  }

  /** Every readable collection, newest first; records that fail their checks are listed as damaged. */
  async listCollections(): Promise<{ collections: CollectionRecord[]; damaged: DamagedCollection[] }> {
    const db = await this.#db;
    const tx = db.transaction('collections', 'readonly');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    const collections: CollectionRecord[] = [];
    const damaged: DamagedCollection[] = [];
    keys.forEach((key, i) => {
      const r = validate(collectionRecordCheck, values[i], 'collection');
      if (r.ok && r.value.id === key) collections.push(r.value);
      else damaged.push({ key: String(key), problem: r.ok ? 'its id does not match its key' : r.error.message });
    });
    collections.sort((a, b) => b.updatedAt - a.updatedAt);
    return { collections, damaged };
  }

  async getCollection(id: string): Promise<CollectionRecord> {
    const raw = await (await this.#db).get('collections', id);
    if (raw === undefined) throw new VectorStoreError('not-found', `collection ${id} does not exist`);
    const r = validate(collectionRecordCheck, raw, 'collection');
    if (!r.ok) throw new VectorStoreError('damaged', r.error.message);
    return r.value;
  }

  /** Creates a collection with its chunks (and judgments, and vectors for an import) in one transaction. */
  async createCollection({ record, chunks, judgments = null, vectors }: NewCollection): Promise<void> {
    if (chunks.length !== record.chunkCount) throw new VectorStoreError('conflict', `${chunks.length} chunks for a record of ${record.chunkCount}`);
    if (vectors && vectors.length !== record.embedded * record.model.dim) throw new VectorStoreError('conflict', 'vector count does not match the record');
    await this.#write(['collections', 'chunks', 'vectors', 'judgments'], 'saving the collection', async (tx) => {
      if ((await tx.objectStore('collections').get(record.id)) !== undefined) throw new VectorStoreError('conflict', `collection ${record.id} exists`);
      const puts: Promise<unknown>[] = [quiet(tx.objectStore('collections').put({ ...record, hasJudgments: judgments !== null }))];
      for (let b = 0; b * record.blockSize < chunks.length; b++) {
        puts.push(quiet(tx.objectStore('chunks').put({ collection: record.id, block: b, chunks: chunks.slice(b * record.blockSize, (b + 1) * record.blockSize) })));
      }
      if (vectors) puts.push(...this.#putVectorBlocks(tx, record, 0, vectors));
      if (judgments) puts.push(quiet(tx.objectStore('judgments').put({ collection: record.id, set: judgments })));
      await Promise.all(puts);
    });
  }

  #putVectorBlocks(tx: IDBPTransaction<VectorsDBSchema, StoreNames<VectorsDBSchema>[], 'readwrite'>, record: CollectionRecord, start: number, vectors: Float32Array, partial?: VectorBlock): Promise<unknown>[] {
    const { dim } = record.model;
    const size = record.blockSize;
    const n = vectors.length / dim;
    const puts: Promise<unknown>[] = [];
    let i = 0;
    while (i < n) {
      const row = start + i;
      const block = Math.floor(row / size);
      const offset = row - block * size;
      const take = Math.min(size - offset, n - i);
      const data = new Float32Array((offset + take) * dim);
      if (offset > 0) {
        if (!partial || partial.block !== block || partial.count !== offset) throw new VectorStoreError('damaged', `vector block ${block} does not hold the ${offset} vectors before row ${row}`);
        data.set(new Float32Array(partial.data, 0, offset * dim));
      }
      data.set(vectors.subarray(i * dim, (i + take) * dim), offset * dim);
      puts.push(quiet(tx.objectStore('vectors').put({ collection: record.id, block, count: offset + take, data: data.buffer })));
      i += take;
    }
    return puts;
  }

  /**
   * Appends the vectors of chunks `start …` and advances the `embedded` marker, in one transaction.
   * `start` must equal the stored marker (else `conflict`: another tab or a stale job).
   */
  async appendVectors(id: string, start: number, vectors: Float32Array): Promise<CollectionRecord> {
    return this.#write(['collections', 'vectors'], 'saving vectors', async (tx) => {
      const raw = await tx.objectStore('collections').get(id);
      if (!raw) throw new VectorStoreError('not-found', `collection ${id} does not exist`);
      const checked = validate(collectionRecordCheck, raw, 'collection');
      if (!checked.ok) throw new VectorStoreError('damaged', checked.error.message);
      const record = checked.value;
      const { dim } = record.model;
      if (vectors.length % dim !== 0) throw new VectorStoreError('conflict', `${vectors.length} values are not whole ${dim}-d vectors`);
      const n = vectors.length / dim;
      if (record.embedded !== start) throw new VectorStoreError('conflict', `expected vectors from row ${record.embedded}, got ${start}`);
      if (start + n > record.chunkCount) throw new VectorStoreError('conflict', `${start + n} vectors for ${record.chunkCount} chunks`);
      const firstBlock = Math.floor(start / record.blockSize);
      const partial = start % record.blockSize === 0 ? undefined : await tx.objectStore('vectors').get([id, firstBlock]);
      const next: CollectionRecord = { ...record, embedded: start + n, updatedAt: this.#now() };
      await Promise.all([...this.#putVectorBlocks(tx, record, start, vectors, partial), quiet(tx.objectStore('collections').put(next))]);
      return next;
    });
  }

  /**
   * The embedded vectors of a collection as one contiguous Float32Array (`embedded × dim`), read
   * 64 blocks at a time so memory stays near the vectors' own size. `allocate` may place the array
   * elsewhere (the SIMD scanner's memory). Damaged blocks throw `damaged`.
   */
  async loadVectors(
    id: string,
    onProgress?: (done: number, total: number) => void,
    allocate: (count: number, dim: number) => Float32Array = (count, dim) => new Float32Array(count * dim),
  ): Promise<{ record: CollectionRecord; vectors: Float32Array }> {
    const record = await this.getCollection(id);
    const { dim } = record.model;
    const size = record.blockSize;
    const out = allocate(record.embedded, dim);
    if (out.length !== record.embedded * dim) throw new VectorStoreError('conflict', `allocated ${out.length} floats for ${record.embedded} × ${dim}`);
    const blocks = Math.ceil(record.embedded / size);
    const db = await this.#db;
    for (let b0 = 0; b0 < blocks; b0 += 64) {
      const b1 = Math.min(blocks, b0 + 64) - 1;
      const batch = await db.getAll('vectors', IDBKeyRange.bound([id, b0], [id, b1]));
      if (batch.length !== b1 - b0 + 1) throw new VectorStoreError('damaged', `vector blocks ${b0}…${b1} of ${id}: ${batch.length} found`);
      batch.forEach((blk, i) => {
        const b = b0 + i;
        const want = Math.min(size, record.embedded - b * size);
        if (blk.block !== b || !(blk.data instanceof ArrayBuffer) || blk.count < want || blk.data.byteLength !== blk.count * dim * 4) {
          throw new VectorStoreError('damaged', `vector block ${b} of ${id} is damaged`);
        }
        out.set(new Float32Array(blk.data, 0, want * dim), b * size * dim);
      });
      onProgress?.(b1 + 1, blocks);
    }
    return { record, vectors: out };
  }

  /** All chunks of a collection, in row order; a damaged chunk block throws `damaged`. */
  async loadChunks(id: string): Promise<ChunkRecord[]> {
    const record = await this.getCollection(id);
    const blocks = await (await this.#db).getAll('chunks', blocksOf(id));
    const out: ChunkRecord[] = [];
    blocks.forEach((blk, b) => {
      if (blk.block !== b || !Array.isArray(blk.chunks)) throw new VectorStoreError('damaged', `chunk block ${b} of ${id} is damaged`);
      for (const c of blk.chunks) {
        const r = validate(chunkRecordCheck, c, `chunks[${out.length}]`);
        if (!r.ok) throw new VectorStoreError('damaged', r.error.message);
        out.push(r.value);
      }
    });
    if (out.length !== record.chunkCount) throw new VectorStoreError('damaged', `${out.length} chunks stored for ${record.chunkCount}`);
    return out;
  }

  async rename(id: string, name: string): Promise<CollectionRecord> {
    const clean = name.trim().slice(0, 200);
    if (clean === '') throw new VectorStoreError('conflict', 'a collection needs a name');
    return this.#write(['collections'], 'renaming', async (tx) => {
      const r = validate(collectionRecordCheck, await tx.objectStore('collections').get(id), 'collection');
      if (!r.ok) throw new VectorStoreError('not-found', `collection ${id} is missing or damaged`);
      const next = { ...r.value, name: clean, updatedAt: this.#now() };
      await tx.objectStore('collections').put(next);
      return next;
    });
  }

  /** Deletes the collection with its chunks, vectors, index and judgments in one transaction (damaged ones too). */
  async deleteCollection(id: string): Promise<void> {
    await this.#write(['collections', 'chunks', 'vectors', 'indexes', 'judgments'], 'deleting', async (tx) => {
      await Promise.all(
        [
          tx.objectStore('collections').delete(id),
          tx.objectStore('chunks').delete(blocksOf(id)),
          tx.objectStore('vectors').delete(blocksOf(id)),
          tx.objectStore('indexes').delete(id),
          tx.objectStore('judgments').delete(id),
        ].map(quiet),
      );
    });
  }

  /** Stores an HNSW graph and records its parameters on the collection, together. */
  async putIndex(id: string, graph: HnswGraph, buildMs: number): Promise<CollectionRecord> {
    return this.#write(['collections', 'indexes'], 'saving the index', async (tx) => {
      const r = validate(collectionRecordCheck, await tx.objectStore('collections').get(id), 'collection');
      if (!r.ok) throw new VectorStoreError('not-found', `collection ${id} is missing or damaged`);
      if (graph.count > r.value.embedded) throw new VectorStoreError('conflict', `index of ${graph.count} vectors for ${r.value.embedded}`);
      const next: CollectionRecord = { ...r.value, index: { params: graph.params, count: graph.count, buildMs, builtAt: this.#now() } };
      await Promise.all([quiet(tx.objectStore('indexes').put({ collection: id, graph })), quiet(tx.objectStore('collections').put(next))]);
      return next;
    });
  }

  async loadIndex(id: string): Promise<HnswGraph | null> {
    return (await (await this.#db).get('indexes', id))?.graph ?? null;
  }

  async getJudgments(id: string): Promise<JudgmentSet | null> {
    return (await (await this.#db).get('judgments', id))?.set ?? null;
  }

  /** Attaches judgments (e.g. an imported qrels file) to a collection. */
  async putJudgments(id: string, set: JudgmentSet): Promise<CollectionRecord> {
    return this.#write(['collections', 'judgments'], 'saving judgments', async (tx) => {
      const r = validate(collectionRecordCheck, await tx.objectStore('collections').get(id), 'collection');
      if (!r.ok) throw new VectorStoreError('not-found', `collection ${id} is missing or damaged`);
      const next = { ...r.value, hasJudgments: true };
      await Promise.all([quiet(tx.objectStore('judgments').put({ collection: id, set })), quiet(tx.objectStore('collections').put(next))]);
      return next;
    });
  }

  async close(): Promise<void> {
    (await this.#db.catch(() => null))?.close();
  }
}
