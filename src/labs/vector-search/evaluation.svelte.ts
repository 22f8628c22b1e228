/**
 * Evaluating retrieval on a collection with judgments (SciFact's training claims, Tatoeba's Chinese
 * translations, or an imported qrels file): the queries are embedded with the collection's model,
 * then BM25, dense exact, dense HNSW and hybrid are scored (nDCG@10, recall@10/100, MRR@10) in the
 * search worker. For SciFact the default subset is the claims the embedder did not train on.
 * Also the HNSW insight: recall@10 and latency against ef, measured live.
 */
import { evaluableQueries } from './eval/judgments';
import type { Embedder } from './embedder.svelte';
import { problemOf, type LabProblem } from './lab-problem';
import type { CollectionRecord } from './store/collection-record';
import type { VectorStore } from './store/vector-db';
import type { JobProgress } from './worker/protocol';
import type { SearchClient } from './worker/search-client';
import type { Fusion } from './search/fusion';
import type { EfSweepResult, EvaluateResult } from './worker/retrieval-eval';

/** Where the model factory lists the SciFact claims held out of the embedder's training. */
export const HELD_OUT_URL = `${import.meta.env?.BASE_URL ?? '/'}models/mini-embed-zh-en/scifact-heldout-claims.json`;
export const EF_VALUES = [8, 16, 32, 64, 128, 256];

export interface EvaluationRun {
  collection: string;
  subset: 'heldout' | 'all';
  queries: number;
  result: EvaluateResult;
  fusion: Fusion;
  ef: number;
}

export interface ExperimentSink {
  saveExperiment(fields: { labId: string; title: string; input: unknown; summary: string; output?: unknown }): Promise<string>;
}

export class Evaluation {
  subset = $state<'heldout' | 'all'>('heldout');
  heldOut = $state.raw<string[] | null>(null);
  phase = $state<'idle' | 'embedding' | 'evaluating' | 'sweeping'>('idle');
  progress = $state.raw<JobProgress | null>(null);
  startedAt = $state(0);
  problem = $state.raw<LabProblem | null>(null);
  run = $state.raw<EvaluationRun | null>(null);
  sweep = $state.raw<EfSweepResult | null>(null);
  savedId = $state<string | null>(null);
  #abort: AbortController | null = null;
  readonly #deps: { store: VectorStore; search: SearchClient; embedder: Embedder; experiments: ExperimentSink; now?: () => number };

  constructor(deps: { store: VectorStore; search: SearchClient; embedder: Embedder; experiments: ExperimentSink; now?: () => number }) {
    this.#deps = deps;
  }

  #now(): number {
    return (this.#deps.now ?? (() => performance.now()))();
  }

  /** Reads the held-out claim ids, if the model factory has written them (else all claims are used). */
  async loadHeldOut(fetcher: typeof fetch = fetch): Promise<void> {
    try {
      const res = await fetcher(HELD_OUT_URL);
      const ids = res.ok ? ((await res.json()) as unknown) : null;
      this.heldOut = Array.isArray(ids) ? ids.map(String) : null;
    } catch {
      this.heldOut = null;
    }
  }

  /** Held-out subsetting applies to SciFact collections when the list exists. */
  usesHeldOut(record: CollectionRecord): boolean {
    return this.subset === 'heldout' && this.heldOut !== null && record.origin.kind === 'demo' && record.origin.set === 'scifact';
  }

  cancel(): void {
    this.#abort?.abort();
  }

  async evaluate(record: CollectionRecord, opts: { ef: number; fusion: Fusion; metric: 'cosine' | 'dot' | 'l2' }): Promise<void> {
    const { store, search, embedder, experiments } = this.#deps;
    const abort = (this.#abort = new AbortController());
    this.problem = null;
    this.savedId = null;
    this.startedAt = this.#now();
    try {
      const set = await store.getJudgments(record.id);
      if (!set) throw Object.assign(new Error('no judgments'), { lab: 'no-judgments' });
      const docIds = new Set((await store.loadChunks(record.id)).map((c) => c.doc));
      const heldOut = this.usesHeldOut(record) ? new Set(this.heldOut) : null;
      const { queries, qrels } = evaluableQueries(set, docIds, heldOut);
      if (queries.length === 0) throw Object.assign(new Error('no queries'), { lab: 'no-queries' });
      this.phase = 'embedding';
      const vectors = await embedder.embedQueries(queries.map((q) => q.text), record.model, (p) => (this.progress = { done: p.done, total: p.total, stage: 'embed' }), abort.signal);
      this.phase = 'evaluating';
      this.startedAt = this.#now();
      const flat: [string, string, number][] = [];
      for (const [q, m] of qrels) for (const [d, r] of m) flat.push([q, d, r]);
      const result = await search.call(
        'evaluate',
        { req: { collection: record.id, queries, vectors, qrels: flat, metric: opts.metric, ef: opts.ef, fusion: opts.fusion } },
        { signal: abort.signal, onProgress: (p) => (this.progress = p), transfer: [vectors.buffer as ArrayBuffer] },
      );
      const subset = heldOut ? 'heldout' : 'all';
      this.run = { collection: record.id, subset, queries: result.queries, result, fusion: opts.fusion, ef: opts.ef };
      const summary = Object.entries(result.methods).map(([m, s]) => `${m} nDCG@10 ${s.ndcg10.toFixed(3)}`).join(' · ');
      this.savedId = await experiments.saveExperiment({
        labId: 'vector-search',
        title: `${record.name}: retrieval evaluation (${result.queries} queries, ${subset})`,
        input: { collection: record.id, name: record.name, model: record.model.ref, subset, metric: opts.metric, ef: opts.ef, fusion: opts.fusion },
        summary,
        output: result,
      });
    } catch (e) {
      const code = (e as { lab?: string }).lab;
      this.problem = code ? { code } : problemOf(e);
    } finally {
      this.phase = 'idle';
      this.progress = null;
      this.#abort = null;
    }
  }

  async efSweep(record: CollectionRecord): Promise<void> {
    const abort = (this.#abort = new AbortController());
    this.problem = null;
    this.phase = 'sweeping';
    this.startedAt = this.#now();
    try {
      this.sweep = await this.#deps.search.call(
        'efSweep',
        { req: { collection: record.id, efs: EF_VALUES, sample: 200, k: 10, seed: 7 } },
        { signal: abort.signal, onProgress: (p) => (this.progress = p) },
      );
    } catch (e) {
      this.problem = problemOf(e);
    } finally {
      this.phase = 'idle';
      this.progress = null;
      this.#abort = null;
    }
  }
}
