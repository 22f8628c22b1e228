/**
 * Everything the search worker does, independent of the worker itself (so it runs in Node tests):
 * open collections from IndexedDB, search them with exact, HNSW, BM25 and hybrid retrieval, build
 * and persist HNSW indexes, evaluate the methods against judgments, measure HNSW's recall and
 * latency against `ef`, and lay the collection out with PCA.
 */
import { documentRanking, meanScores, type RetrievalScores } from '../eval/metrics';
import { qrelsMap, type JudgedQuery } from '../eval/judgments';
import { fitPca, projectAll, projectOne, type PcaBasis } from '../map/pca';
import { UmapRun, type UmapLayout, type UmapOptions } from '../map/umap-layout';
import { exactSearch } from '../search/exact-search';
import { reciprocalRankFusion, weightedScoreFusion, type FusedHit } from '../search/fusion';
import { highlightSegments, type Segment } from '../search/highlight';
import { HnswIndex, type HnswParams } from '../search/hnsw';
import { mulberry32 } from '../search/rng';
import type { Hit } from '../search/top-k-heap';
import type { Metric } from '../search/vector-set';
import type { VectorStore } from '../store/vector-db';
import { LoadedCollection, type CollectionSummary, type FilterSpec } from './loaded-collection';

export type Fusion = { kind: 'rrf'; k: number } | { kind: 'weighted'; denseWeight: number };
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

export type EvalMethod = 'bm25' | 'exact' | 'hnsw' | 'hybrid';
export const EVAL_METHODS: readonly EvalMethod[] = ['bm25', 'exact', 'hnsw', 'hybrid'];

export interface EvaluateRequest {
  collection: string;
  queries: JudgedQuery[];
  /** Query embeddings, `queries.length × dim`, in query order. */
  vectors: Float32Array;
  qrels: [string, string, number][];
  metric: Metric;
  ef: number;
  fusion: Fusion;
}

export type MethodScores = RetrievalScores & { meanMs: number };

export interface EvaluateResult {
  methods: Partial<Record<EvalMethod, MethodScores>>;
  queries: number;
}

export interface EfSweepRequest {
  collection: string;
  efs: number[];
  /** Queries: this many collection vectors (leave-one-out: each query's own row is excluded). */
  sample: number;
  k: number;
  seed: number;
}

export interface EfPoint {
  ef: number;
  recall: number;
  meanMs: number;
  p95Ms: number;
  meanDistances: number;
}

export interface EfSweepResult {
  points: EfPoint[];
  exactMeanMs: number;
  queries: number;
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

export interface JobContext {
  signal?: AbortSignal;
  progress?: (p: { done: number; total: number; stage?: string }) => void;
}

export class EngineError extends Error {
  constructor(
    readonly code: 'not-open' | 'no-vectors' | 'no-index' | 'dimension' | 'cancelled' | 'bad-request',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function checkSignal(signal?: AbortSignal): void {
  if (signal?.aborted) throw new EngineError('cancelled', 'cancelled');
}

/** Scores where higher is better (L2 distances negated), for fusion. */
const higherBetter = (hits: Hit[], metric: Metric): Hit[] => (metric === 'l2' ? hits.map((h) => ({ index: h.index, score: -h.score })) : hits);

function fuse(bm25: Hit[], dense: Hit[], metric: Metric, fusion: Fusion, limit: number): FusedHit[] {
  if (fusion.kind === 'rrf') return reciprocalRankFusion([bm25, dense], fusion.k, limit);
  const w = Math.min(1, Math.max(0, fusion.denseWeight));
  return weightedScoreFusion(
    [
      { hits: bm25, weight: 1 - w },
      { hits: higherBetter(dense, metric), weight: w },
    ],
    limit,
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
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
    const exact = this.#timed(() => exactSearch(c.vectors, q, depth, req.metric, { norms: c.norms, allow: denseMask }));
    response.exact = { rows: this.#rows(c, exact.value.slice(0, req.k), terms), ms: exact.ms };
    let hnswHits: Hit[] | null = null;
    if (c.hnsw && c.hnsw.params.metric === req.metric) {
      const index = c.hnsw;
      const r = this.#timed(() => index.search(q, depth, Math.max(req.ef, req.k), denseMask));
      hnswHits = r.value.hits;
      response.hnsw = { rows: this.#rows(c, hnswHits.slice(0, req.k), terms), ms: r.ms, distanceCount: r.value.distanceCount };
    }
    const dense = req.hybridDense === 'hnsw' && hnswHits ? hnswHits : exact.value;
    const hybrid = this.#timed(() => fuse(bm25.value.hits, dense, req.metric, req.fusion, req.k));
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

  async evaluate(req: EvaluateRequest, ctx: JobContext = {}): Promise<EvaluateResult> {
    const c = this.#get(req.collection);
    const dim = c.vectors.dim;
    if (req.vectors.length !== req.queries.length * dim) throw new EngineError('dimension', `query vectors do not match ${req.queries.length} queries × ${dim}`);
    const perDoc = Math.ceil(c.record.chunkCount / Math.max(1, c.record.docCount));
    const depth = Math.min(Math.max(c.vectors.count, 1), Math.min(2000, 100 * perDoc));
    const docOf = (i: number) => c.chunks[i]!.doc;
    const methods: EvalMethod[] = ['bm25', 'exact', ...(c.hnsw && c.hnsw.params.metric === req.metric ? (['hnsw'] as const) : []), 'hybrid'];
    const rankings = new Map<EvalMethod, Map<string, string[]>>(methods.map((m) => [m, new Map()]));
    const time = new Map<EvalMethod, number>(methods.map((m) => [m, 0]));
    const add = (m: EvalMethod, qid: string, hits: readonly { index: number }[], ms: number) => {
      rankings.get(m)!.set(qid, documentRanking(hits.map((h) => h.index), docOf).slice(0, 100));
      time.set(m, time.get(m)! + ms);
    };
    for (let i = 0; i < req.queries.length; i++) {
      if (i % 20 === 0) {
        checkSignal(ctx.signal);
        ctx.progress?.({ stage: 'evaluate', done: i, total: req.queries.length });
        await this.#yield();
      }
      const q = req.queries[i]!;
      const v = req.vectors.subarray(i * dim, (i + 1) * dim);
      const bm25 = this.#timed(() => c.bm25.search(q.text, depth).hits);
      add('bm25', q.id, bm25.value, bm25.ms);
      const exact = this.#timed(() => exactSearch(c.vectors, v, depth, req.metric, { norms: c.norms }));
      add('exact', q.id, exact.value, exact.ms);
      if (methods.includes('hnsw')) {
        const h = this.#timed(() => c.hnsw!.search(v, depth, Math.max(req.ef, depth)).hits);
        add('hnsw', q.id, h.value, h.ms);
      }
      const fused = this.#timed(() => fuse(bm25.value, exact.value, req.metric, req.fusion, depth));
      add('hybrid', q.id, fused.value, fused.ms + bm25.ms + exact.ms);
    }
    ctx.progress?.({ stage: 'evaluate', done: req.queries.length, total: req.queries.length });
    const qrels = qrelsMap(req.qrels);
    const out: EvaluateResult['methods'] = {};
    for (const m of methods) out[m] = { ...meanScores(rankings.get(m)!, qrels), meanMs: time.get(m)! / Math.max(1, req.queries.length) };
    return { methods: out, queries: req.queries.length };
  }

  /**
   * HNSW recall@k and latency for each `ef`, against exact search, on `sample` collection vectors
   * used as queries (each query's own row is left out of both result lists).
   */
  async efSweep(req: EfSweepRequest, ctx: JobContext = {}): Promise<EfSweepResult> {
    const c = this.#get(req.collection);
    const index = c.hnsw;
    if (!index) throw new EngineError('no-index', 'build the HNSW index first');
    const n = Math.min(c.vectors.count, index.count);
    const random = mulberry32(req.seed);
    const picks = Array.from({ length: Math.min(req.sample, n) }, () => Math.floor(random() * n));
    const metric = index.params.metric;
    const dim = c.vectors.dim;
    const truths: Set<number>[] = [];
    let exactMs = 0;
    for (const p of picks) {
      const q = c.vectors.data.subarray(p * dim, (p + 1) * dim);
      const t0 = this.#now();
      const hits = exactSearch(c.vectors, q, req.k + 1, metric, { norms: c.norms });
      exactMs += this.#now() - t0;
      truths.push(new Set(hits.filter((h) => h.index !== p).slice(0, req.k).map((h) => h.index)));
    }
    const points: EfPoint[] = [];
    for (const [e, ef] of req.efs.entries()) {
      checkSignal(ctx.signal);
      ctx.progress?.({ stage: 'ef', done: e, total: req.efs.length });
      await this.#yield();
      let found = 0;
      let distances = 0;
      const times: number[] = [];
      picks.forEach((p, qi) => {
        const q = c.vectors.data.subarray(p * dim, (p + 1) * dim);
        const t0 = this.#now();
        const r = index.search(q, req.k + 1, Math.max(ef, req.k + 1));
        times.push(this.#now() - t0);
        distances += r.distanceCount;
        const got = r.hits.filter((h) => h.index !== p).slice(0, req.k);
        for (const h of got) if (truths[qi]!.has(h.index)) found++;
      });
      const total = truths.reduce((s, t) => s + t.size, 0);
      times.sort((a, b) => a - b);
      points.push({
        ef,
        recall: total === 0 ? 0 : found / total,
        meanMs: times.reduce((s, t) => s + t, 0) / Math.max(1, times.length),
        p95Ms: percentile(times, 0.95),
        meanDistances: distances / Math.max(1, picks.length),
      });
    }
    ctx.progress?.({ stage: 'ef', done: req.efs.length, total: req.efs.length });
    return { points, exactMeanMs: exactMs / Math.max(1, picks.length), queries: picks.length };
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
