/**
 * Measuring retrieval in the search worker: the four methods against relevance judgments (nDCG@10,
 * recall@10/100, MRR@10, time per query), and HNSW's recall@k and latency against `ef`.
 */
import { documentRanking, meanScores, type RetrievalScores } from '../eval/metrics';
import { qrelsMap, type JudgedQuery } from '../eval/judgments';
import { exactSearch } from '../search/exact-search';
import { fuseLexicalDense, type Fusion } from '../search/fusion';
import { mulberry32 } from '../search/rng';
import type { Metric } from '../search/vector-set';
import { checkSignal, EngineError, percentile, type JobContext } from './engine-context';
import type { LoadedCollection } from './loaded-collection';

export interface EngineEnv {
  now: () => number;
  yieldNow: () => Promise<void>;
}

function timed<T>(now: () => number, fn: () => T): { value: T; ms: number } {
  const t0 = now();
  const value = fn();
  return { value, ms: now() - t0 };
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

export async function evaluateMethods(c: LoadedCollection, req: EvaluateRequest, env: EngineEnv, ctx: JobContext = {}): Promise<EvaluateResult> {
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
      await env.yieldNow();
    }
    const q = req.queries[i]!;
    const v = req.vectors.subarray(i * dim, (i + 1) * dim);
    const bm25 = timed(env.now, () => c.bm25.search(q.text, depth).hits);
    add('bm25', q.id, bm25.value, bm25.ms);
    const exact = timed(env.now, () => exactSearch(c.vectors, v, depth, req.metric, { norms: c.norms, scanner: c.scanner }));
    add('exact', q.id, exact.value, exact.ms);
    if (methods.includes('hnsw')) {
      const h = timed(env.now, () => c.hnsw!.search(v, depth, Math.max(req.ef, depth)).hits);
      add('hnsw', q.id, h.value, h.ms);
    }
    const fused = timed(env.now, () => fuseLexicalDense(bm25.value, exact.value, req.metric, req.fusion, depth));
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
export async function sweepEf(c: LoadedCollection, req: EfSweepRequest, env: EngineEnv, ctx: JobContext = {}): Promise<EfSweepResult> {
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
    const t0 = env.now();
    const hits = exactSearch(c.vectors, q, req.k + 1, metric, { norms: c.norms, scanner: c.scanner });
    exactMs += env.now() - t0;
    truths.push(new Set(hits.filter((h) => h.index !== p).slice(0, req.k).map((h) => h.index)));
  }
  const points: EfPoint[] = [];
  for (const [e, ef] of req.efs.entries()) {
    checkSignal(ctx.signal);
    ctx.progress?.({ stage: 'ef', done: e, total: req.efs.length });
    await env.yieldNow();
    let found = 0;
    let distances = 0;
    const times: number[] = [];
    picks.forEach((p, qi) => {
      const q = c.vectors.data.subarray(p * dim, (p + 1) * dim);
      const t0 = env.now();
      const r = index.search(q, req.k + 1, Math.max(ef, req.k + 1));
      times.push(env.now() - t0);
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
