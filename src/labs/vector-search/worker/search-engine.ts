/**
 * Everything the search worker does, independent of the worker itself (so it runs in Node tests):
 * open collections from IndexedDB, search them with exact, HNSW, BM25 and hybrid retrieval, build
 * and persist HNSW indexes, evaluate the methods against judgments, measure HNSW's recall and
 * latency against `ef`, and lay the collection out with PCA.
 */
import { fitPca, projectAll, projectOne, type PcaBasis } from '../map/pca';
import { UmapRun, type UmapLayout, type UmapOptions } from '../map/umap-layout';
import { exactSearch } from '../search/exact-search';
import { fuseLexicalDense, type Fusion } from '../search/fusion';
import { highlightSegments, type Segment } from '../search/highlight';
import { HnswIndex } from '../search/hnsw';
import type { HnswParams } from '../search/hnsw-graph';
import type { Hit } from '../search/top-k-heap';
import type { Metric } from '../search/vector-set';
import type { VectorStore } from '../store/vector-db';
import { checkSignal, EngineError, macrotask, type JobContext } from './engine-context';
import { LoadedCollection, type CollectionSummary, type FilterSpec } from './loaded-collection';
import { evaluateMethods, sweepEf, type EfSweepRequest, type EfSweepResult, type EvaluateRequest, type EvaluateResult } from './retrieval-eval';


export type DenseSource = 'exact' | 'hnsw';

export interface SearchRequest {
  collection: string;
  text: string;
  /** The query's embedding; null searches BM25 only. */
  vector: Float32Array | null;
  k: number;
  metric: Metric;
  ef: number;
  fusion: Fusion;
  /** Which dense list hybrid fuses with BM25. */
  hybridDense: DenseSource;
  /** Depth of each list fed to fusion. */
  candidates: number;
  filter: FilterSpec;
}

export interface ResultRow {
  index: number;
  rank: number;
  score: number;
  doc: string;
  source: string;
  text: string;
  fields: Record<string, string>;
  segments: Segment[];
  /** Hybrid only: rank in the BM25 and dense lists. */
  ranks?: (number | null)[];
}

export interface MethodResult {
  rows: ResultRow[];
  ms: number;
}

export interface SearchResponse {
  exact: MethodResult | null;
  hnsw: (MethodResult & { distanceCount: number }) | null;
  bm25: MethodResult & { matchedTerms: string[] };
  hybrid: MethodResult | null;
}

export interface MapLayout {
  /** `embedded × 2`. */
  coords: Float32Array;
  explained: [number, number];
  sampleSize: number;
}

export interface Categories {
  /** Category of each point (index into `labels`), `embedded` entries. */
  codes: Uint16Array;
  labels: string[];
}

export class SearchEngine {
  readonly #store: VectorStore;
  readonly #now: () => number;
  readonly #yield: () => Promise<void>;
  readonly #open = new Map<string, LoadedCollection>();
  readonly #pca = new Map<string, PcaBasis>();
  readonly #umap = new Map<string, UmapRun>();

  constructor(store: VectorStore, opts: { now?: () => number; yieldNow?: () => Promise<void> } = {}) {
    this.#store = store;
    this.#now = opts.now ?? (() => performance.now());
    this.#yield = opts.yieldNow ?? macrotask;
  }

  #get(id: string): LoadedCollection {
    const c = this.#open.get(id);
    if (!c) throw new EngineError('not-open', `collection ${id} is not open`);
    return c;
  }

  /** Loads (or reloads, when it changed since) a collection into memory. */
  async open(id: string, ctx: JobContext = {}): Promise<CollectionSummary> {
    const record = await this.#store.getCollection(id);
    const current = this.#open.get(id);
    if (current && current.record.updatedAt === record.updatedAt && current.record.embedded === record.embedded && current.record.index?.builtAt === record.index?.builtAt) {
      return current.summary();
    }
    const loaded = await LoadedCollection.load(this.#store, id, this.#now, (stage, done, total) => ctx.progress?.({ stage, done, total }));
    this.#open.set(id, loaded);
    this.#pca.delete(id);
    this.#umap.delete(id);
    return loaded.summary();
  }

  close(id: string): void {
    this.#open.delete(id);
    this.#pca.delete(id);
    this.#umap.delete(id);
  }

  #rows(c: LoadedCollection, hits: readonly { index: number; score: number; ranks?: (number | null)[] }[], terms: string[]): ResultRow[] {
    return hits.map((h, i) => {
      const chunk = c.chunks[h.index]!;
      return {
        index: h.index,
        rank: i + 1,
        score: h.score,
        doc: chunk.doc,
        source: chunk.source,
        text: chunk.text,
        fields: chunk.fields ?? {},
        segments: highlightSegments(chunk.text, terms),
        ...(h.ranks ? { ranks: h.ranks } : {}),
      };
    });
  }

  #checkVector(c: LoadedCollection, vector: Float32Array): void {
    if (vector.length !== c.vectors.dim) throw new EngineError('dimension', `the query has ${vector.length} dimensions, the collection ${c.vectors.dim}`);
  }

  #timed<T>(fn: () => T): { value: T; ms: number } {
    const t0 = this.#now();
    const value = fn();
    return { value, ms: this.#now() - t0 };
  }

  search(req: SearchRequest): SearchResponse {
    const c = this.#get(req.collection);
    const mask = c.mask(req.filter);
    const denseMask = mask ? mask.subarray(0, c.vectors.count) : null;
    const depth = Math.max(req.k, req.candidates);
    const bm25 = this.#timed(() => c.bm25.search(req.text, depth, mask));
    const terms = bm25.value.matchedTerms;
    const response: SearchResponse = {
      bm25: { rows: this.#rows(c, bm25.value.hits.slice(0, req.k), terms), ms: bm25.ms, matchedTerms: terms },
      exact: null,
      hnsw: null,
      hybrid: null,
    };
    if (!req.vector || c.vectors.count === 0) return response;
    this.#checkVector(c, req.vector);
    const q = req.vector;
    const exact = this.#timed(() => exactSearch(c.vectors, q, depth, req.metric, { norms: c.norms, allow: denseMask, scanner: c.scanner }));
    response.exact = { rows: this.#rows(c, exact.value.slice(0, req.k), terms), ms: exact.ms };
    let hnswHits: Hit[] | null = null;
    if (c.hnsw && c.hnsw.params.metric === req.metric) {
      const index = c.hnsw;
      const r = this.#timed(() => index.search(q, depth, Math.max(req.ef, req.k), denseMask));
      hnswHits = r.value.hits;
      response.hnsw = { rows: this.#rows(c, hnswHits.slice(0, req.k), terms), ms: r.ms, distanceCount: r.value.distanceCount };
    }
    const dense = req.hybridDense === 'hnsw' && hnswHits ? hnswHits : exact.value;
    const hybrid = this.#timed(() => fuseLexicalDense(bm25.value.hits, dense, req.metric, req.fusion, req.k));
    response.hybrid = { rows: this.#rows(c, hybrid.value, terms), ms: hybrid.ms + bm25.ms + exact.ms };
    return response;
  }

  /** Builds (or extends, when the stored index has the same parameters) the HNSW index and stores it. */
  async buildIndex(id: string, params: HnswParams, ctx: JobContext = {}): Promise<CollectionSummary> {
    const c = this.#get(id);
    const n = c.vectors.count;
    if (n === 0) throw new EngineError('no-vectors', 'the collection has no vectors yet');
    const same = c.hnsw && JSON.stringify(c.hnsw.params) === JSON.stringify(params);
    const index = same ? c.hnsw! : new HnswIndex(c.vectors, params);
    if (same) index.rebind(c.vectors);
    const t0 = this.#now();
    const previous = c.record.index && same ? c.record.index.buildMs : 0;
    const slice = Math.max(50, Math.min(1000, Math.floor(200_000 / Math.max(1, params.efConstruction))));
    while (index.count < n) {
      checkSignal(ctx.signal);
      index.addUpTo(Math.min(n, index.count + slice));
      ctx.progress?.({ stage: 'hnsw', done: index.count, total: n });
      await this.#yield();
    }
    const buildMs = previous + (this.#now() - t0);
    checkSignal(ctx.signal);
    c.record = await this.#store.putIndex(id, index.toGraph(), buildMs);
    c.hnsw = index;
    return c.summary();
  }

  evaluate(req: EvaluateRequest, ctx: JobContext = {}): Promise<EvaluateResult> {
    return evaluateMethods(this.#get(req.collection), req, { now: this.#now, yieldNow: this.#yield }, ctx);
  }

  efSweep(req: EfSweepRequest, ctx: JobContext = {}): Promise<EfSweepResult> {
    return sweepEf(this.#get(req.collection), req, { now: this.#now, yieldNow: this.#yield }, ctx);
  }

  /** The PCA layout of the embedded vectors (the basis is kept to place queries). */
  pcaLayout(id: string): MapLayout {
    const c = this.#get(id);
    if (c.vectors.count < 2) throw new EngineError('no-vectors', 'the map needs at least two vectors');
    const basis = fitPca(c.vectors);
    this.#pca.set(id, basis);
    const explained: [number, number] = [basis.variances[0]! / basis.totalVariance, (basis.variances[1] ?? 0) / basis.totalVariance];
    return { coords: projectAll(c.vectors, basis), explained, sampleSize: basis.sampleSize };
  }

  /** The UMAP layout (of a sample of at most `maxPoints` rows), run epoch by epoch with progress. */
  async umapLayout(id: string, opts: UmapOptions, ctx: JobContext = {}): Promise<UmapLayout> {
    const c = this.#get(id);
    const run = new UmapRun(c.vectors, opts);
    ctx.progress?.({ stage: 'umap-graph', done: 0, total: 1 });
    await this.#yield();
    const epochs = run.initialize();
    for (let done = 0; done < epochs; ) {
      checkSignal(ctx.signal);
      done = run.step(Math.min(10, epochs - done));
      ctx.progress?.({ stage: 'umap', done, total: epochs });
      await this.#yield();
    }
    this.#umap.set(id, run);
    return run.layout();
  }

  /** A query vector's position on the PCA map, or on the UMAP map (UMAP's transform). */
  projectQuery(id: string, vector: Float32Array, layout: 'pca' | 'umap' = 'pca'): [number, number] {
    const c = this.#get(id);
    this.#checkVector(c, vector);
    if (layout === 'umap') {
      const run = this.#umap.get(id);
      if (!run) throw new EngineError('bad-request', 'run UMAP first');
      return run.transform(vector);
    }
    const basis = this.#pca.get(id) ?? fitPca(c.vectors);
    this.#pca.set(id, basis);
    return projectOne(vector, basis);
  }

  /** Category of every embedded point: by source, or by the value of a metadata field (top 12 values, rest "other"). */
  categories(id: string, by: { kind: 'source' } | { kind: 'field'; name: string }): Categories {
    const c = this.#get(id);
    const n = c.vectors.count;
    const value = (i: number) => (by.kind === 'source' ? c.chunks[i]!.source : (c.chunks[i]!.fields?.[by.name] ?? '—'));
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) counts.set(value(i), (counts.get(value(i)) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12).map(([v]) => v);
    const labels = counts.size > top.length ? [...top, '…'] : top;
    const code = new Map(top.map((v, i) => [v, i]));
    const codes = new Uint16Array(n);
    for (let i = 0; i < n; i++) codes[i] = code.get(value(i)) ?? top.length;
    return { codes, labels };
  }

  chunk(id: string, index: number): ResultRow {
    const c = this.#get(id);
    if (!Number.isInteger(index) || index < 0 || index >= c.chunks.length) throw new EngineError('bad-request', `no chunk ${index}`);
    return this.#rows(c, [{ index, score: 0 }], [])[0]!;
  }

  /** The stored vector of a chunk ("search with this point"). */
  vectorOf(id: string, index: number): Float32Array {
    const c = this.#get(id);
    if (!Number.isInteger(index) || index < 0 || index >= c.vectors.count) throw new EngineError('bad-request', `no vector ${index}`);
    return c.vectors.data.slice(index * c.vectors.dim, (index + 1) * c.vectors.dim);
  }
}
