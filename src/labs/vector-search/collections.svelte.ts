/**
 * The learner's collections: listing (damaged records reported apart), selection, rename, delete,
 * export (the lab's file, Qdrant points, Milvus rows) and import (checked before anything is stored).
 */
import { CollectionFileError, decodeCollectionFile, encodeCollectionFile, FILE_EXTENSION, MAX_IMPORT_BYTES, milvusRowsJson, qdrantPointsJsonl } from './store/collection-file';
import { newCollectionId, type CollectionRecord } from './store/collection-record';
import { BLOCK_SIZE, type DamagedCollection, type VectorStore } from './store/vector-db';
import { parseQrels, parseQueries, type JudgmentSet } from './eval/judgments';
import { problemOf, type LabProblem } from './lab-problem';

export type ExportFormat = 'llmvec' | 'qdrant' | 'milvus';

export interface ExportedFile {
  blob: Blob;
  fileName: string;
}

/** A file name from a collection name: letters, digits, CJK, `-` and `_` kept. */
export function safeFileName(name: string): string {
  return name.trim().replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'collection';
}

export class Collections {
  list = $state.raw<CollectionRecord[]>([]);
  damaged = $state.raw<DamagedCollection[]>([]);
  selectedId = $state<string | null>(null);
  problem = $state.raw<LabProblem | null>(null);
  notice = $state.raw<LabProblem | null>(null);
  busy = $state(false);
  readonly #store: VectorStore;
  readonly #now: () => number;

  constructor(store: VectorStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  readonly selected = $derived(this.list.find((c) => c.id === this.selectedId) ?? null);

  async refresh(): Promise<void> {
    try {
      const { collections, damaged } = await this.#store.listCollections();
      this.list = collections;
      this.damaged = damaged;
      if (this.selectedId && !collections.some((c) => c.id === this.selectedId)) this.selectedId = null;
    } catch (e) {
      this.problem = problemOf(e);
    }
  }

  /** Replaces one record in the list (after a write elsewhere). */
  update(record: CollectionRecord): void {
    const others = this.list.filter((c) => c.id !== record.id);
    this.list = [record, ...others].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async #act(fn: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.problem = null;
    try {
      await fn();
      return true;
    } catch (e) {
      this.problem = problemOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  rename(id: string, name: string): Promise<boolean> {
    return this.#act(async () => this.update(await this.#store.rename(id, name)));
  }

  remove(id: string): Promise<boolean> {
    return this.#act(async () => {
      await this.#store.deleteCollection(id);
      await this.refresh();
    });
  }

  async exportFile(id: string, format: ExportFormat): Promise<ExportedFile | null> {
    let out: ExportedFile | null = null;
    await this.#act(async () => {
      const { record, vectors } = await this.#store.loadVectors(id);
      const chunks = await this.#store.loadChunks(id);
      const base = safeFileName(record.name);
      if (format === 'llmvec') {
        const judgments = record.hasJudgments ? await this.#store.getJudgments(id) : null;
        out = { blob: encodeCollectionFile(record, chunks, judgments, vectors), fileName: `${base}${FILE_EXTENSION}` };
      } else if (format === 'qdrant') out = { blob: qdrantPointsJsonl(chunks, vectors, record.model.dim), fileName: `${base}.qdrant-points.jsonl` };
      else out = { blob: milvusRowsJson(chunks, vectors, record.model.dim), fileName: `${base}.milvus-rows.json` };
    });
    return out;
  }

  /** Imports a collection file as a new collection; nothing is stored unless the whole file checks out. */
  importFile(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<boolean> {
    return this.#act(async () => {
      // Refused before reading: a file of several GB would not even fit in the tab's memory.
      if (file.size > MAX_IMPORT_BYTES) throw new CollectionFileError(`the file is larger than ${MAX_IMPORT_BYTES / 1e9} GB`);
      const { header, vectors } = decodeCollectionFile(new Uint8Array(await file.arrayBuffer()));
      const now = this.#now();
      const c = header.collection;
      const record: CollectionRecord = {
        ...c,
        id: newCollectionId(),
        name: c.name,
        createdAt: now,
        updatedAt: now,
        origin: { kind: 'import', file: file.name.slice(0, 500) },
        chunkCount: header.chunks.length,
        embedded: header.vectors.count,
        blockSize: BLOCK_SIZE,
        hasJudgments: header.judgments !== null,
        index: null,
      };
      await this.#store.createCollection({ record, chunks: header.chunks, judgments: header.judgments, vectors });
      await this.refresh();
      this.selectedId = record.id;
      this.notice = { code: 'imported', values: { name: record.name, count: record.chunkCount } };
    });
  }

  /** Attaches judgments (a qrels file and a queries file) to a collection. */
  importJudgments(id: string, qrelsText: string, queriesText: string): Promise<boolean> {
    return this.#act(async () => {
      const set: JudgmentSet = { qrels: parseQrels(qrelsText), queries: parseQueries(queriesText) };
      this.update(await this.#store.putJudgments(id, set));
      this.notice = { code: 'judgments-imported', values: { queries: set.queries.length, judgments: set.qrels.length } };
    }).catch(() => false);
  }
}
