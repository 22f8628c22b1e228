/**
 * A collection as the search worker holds it in memory: the vectors as one contiguous Float32Array
 * (with their norms), the chunks, a BM25 index rebuilt from the chunk texts (a few seconds at
 * most, so it is not persisted), and the HNSW graph when one was built and stored.
 */
import { Bm25Index } from '../search/bm25';
import { HnswIndex } from '../search/hnsw';
import { checkGraph } from '../search/hnsw-graph';
import { DotScanner } from '../search/simd-dot';
import { rowNorms, vectorSet, type VectorSet } from '../search/vector-set';
import type { ChunkRecord, CollectionRecord } from '../store/collection-record';
import type { VectorStore } from '../store/vector-db';

export interface FilterSpec {
  /** Allowed sources; null = all. */
  sources: string[] | null;
  /** One metadata field that must equal a value; null = none. */
  field: { name: string; value: string } | null;
}

export interface CollectionSummary {
  id: string;
  name: string;
  chunkCount: number;
  embedded: number;
  dim: number;
  /** The HNSW index in memory: its parameters and how many vectors it covers. */
  hnsw: { M: number; efConstruction: number; metric: string; count: number } | null;
  /** Distinct values per metadata field (at most 200 each), for the filter menus. */
  fieldValues: Record<string, string[]>;
  sources: string[];
  loadMs: number;
  vectorBytes: number;
  /** Why a stored index could not be used (damaged), if so. */
  indexProblem: string | null;
}

export class LoadedCollection {
  /** Replaced when the record changes in place (a new index); vectors and chunks stay. */
  record: CollectionRecord;
  readonly vectors: VectorSet;
  readonly norms: Float32Array;
  /** The WebAssembly SIMD scanner whose memory holds `vectors` (null where SIMD is unavailable). */
  readonly scanner: DotScanner | null;
  readonly chunks: ChunkRecord[];
  readonly bm25: Bm25Index;
  hnsw: HnswIndex | null;
  readonly loadMs: number;
  readonly indexProblem: string | null;
  #maskKey = '';
  #mask: Uint8Array | null = null;

  private constructor(
    record: CollectionRecord,
    vectors: VectorSet,
    scanner: DotScanner | null,
    chunks: ChunkRecord[],
    bm25: Bm25Index,
    hnsw: HnswIndex | null,
    loadMs: number,
    indexProblem: string | null,
  ) {
    this.record = record;
    this.vectors = vectors;
    this.scanner = scanner;
    this.norms = rowNorms(vectors);
    this.chunks = chunks;
    this.bm25 = bm25;
    this.hnsw = hnsw;
    this.loadMs = loadMs;
    this.indexProblem = indexProblem;
  }

  static async load(store: VectorStore, id: string, now: () => number, onProgress?: (stage: string, done: number, total: number) => void): Promise<LoadedCollection> {
    const t0 = now();
    let scanner: DotScanner | null = null;
    const { record, vectors } = await store.loadVectors(
      id,
      (d, t) => onProgress?.('vectors', d, t),
      (count, dim) => {
        scanner = DotScanner.create(count, dim);
        return scanner ? scanner.vectors : new Float32Array(count * dim);
      },
    );
    const set = vectorSet(vectors, record.model.dim);
    const chunks = await store.loadChunks(id);
    const bm25 = Bm25Index.build(
      chunks.map((c) => c.text),
      { onProgress: (d) => onProgress?.('bm25', d, chunks.length) },
    );
    let hnsw: HnswIndex | null = null;
    let indexProblem: string | null = null;
    const graph = record.index ? await store.loadIndex(id) : null;
    if (graph) {
      try {
        checkGraph(graph, set);
        hnsw = HnswIndex.fromGraph(graph, set);
      } catch (e) {
        indexProblem = e instanceof Error ? e.message : String(e);
      }
    }
    return new LoadedCollection(record, set, scanner, chunks, bm25, hnsw, now() - t0, indexProblem);
  }

  /**
   * Chunks that pass the filter (1) or not (0), one entry per chunk (dense search uses the first
   * `embedded`); null when nothing is filtered. Cached for repeated searches.
   */
  mask(filter: FilterSpec): Uint8Array | null {
    if (!filter.sources && !filter.field) return null;
    const key = JSON.stringify(filter);
    if (key === this.#maskKey) return this.#mask;
    const sources = filter.sources ? new Set(filter.sources) : null;
    const mask = new Uint8Array(this.chunks.length);
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      const ok = (!sources || sources.has(c.source)) && (!filter.field || c.fields?.[filter.field.name] === filter.field.value);
      mask[i] = ok ? 1 : 0;
    }
    this.#maskKey = key;
    this.#mask = mask;
    return mask;
  }

  summary(): CollectionSummary {
    const fieldValues: Record<string, string[]> = {};
    for (const name of this.record.fieldNames) {
      const values = new Set<string>();
      for (const c of this.chunks) {
        const v = c.fields?.[name];
        if (v !== undefined) values.add(v);
        if (values.size > 200) break;
      }
      if (values.size <= 200) fieldValues[name] = [...values].sort();
    }
    return {
      id: this.record.id,
      name: this.record.name,
      chunkCount: this.record.chunkCount,
      embedded: this.vectors.count,
      dim: this.vectors.dim,
      hnsw: this.hnsw ? { M: this.hnsw.params.M, efConstruction: this.hnsw.params.efConstruction, metric: this.hnsw.params.metric, count: this.hnsw.count } : null,
      fieldValues,
      sources: this.record.sources,
      loadMs: this.loadMs,
      vectorBytes: this.vectors.data.byteLength,
      indexProblem: this.indexProblem,
    };
  }
}
