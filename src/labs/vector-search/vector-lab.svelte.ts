/**
 * The Vector search lab's state: it composes the parts (model, collections, builder, embedding run,
 * search, evaluation, map) over one vectors database and one search worker, and runs the flows
 * that span them: build → embed → index, open a collection in the worker, search and place the
 * query on the map.
 *
 * @example
 * const lab = new VectorLab({ runtime, store: new VectorStore(), search: new SearchClient(makeWorker), reload: pwa, experiments: progress });
 * await lab.init();
 */
import { Builder } from './builder.svelte';
import { Collections } from './collections.svelte';
import { Embedder, type LabRuntime } from './embedder.svelte';
import { Embedding, type ReloadGuard } from './embedding.svelte';
import { Evaluation, type ExperimentSink } from './evaluation.svelte';
import { problemOf, type LabProblem } from './lab-problem';
import { MapState } from './map.svelte';
import { SearchState } from './search.svelte';
import { DEFAULT_HNSW_PARAMS, type HnswParams } from './search/hnsw-graph';
import type { CollectionRecord } from './store/collection-record';
import type { VectorStore } from './store/vector-db';
import type { CollectionSummary } from './worker/loaded-collection';
import type { JobProgress } from './worker/protocol';
import type { SearchClient } from './worker/search-client';

export type LabTab = 'collections' | 'search' | 'evaluate' | 'map';
export const LAB_TABS: readonly LabTab[] = ['collections', 'search', 'evaluate', 'map'];

export interface VectorLabDeps {
  runtime: LabRuntime;
  store: VectorStore;
  search: SearchClient;
  reload: ReloadGuard;
  experiments: ExperimentSink;
  fetch?: typeof fetch;
}

export class VectorLab {
  readonly embedder: Embedder;
  readonly collections: Collections;
  readonly builder: Builder;
  readonly embedding: Embedding;
  readonly query: SearchState;
  readonly evaluation: Evaluation;
  readonly map: MapState;

  tab = $state<LabTab>('collections');
  summary = $state.raw<CollectionSummary | null>(null);
  opening = $state.raw<JobProgress | null>(null);
  openProblem = $state.raw<LabProblem | null>(null);
  hnswParams = $state<HnswParams>({ ...DEFAULT_HNSW_PARAMS });
  indexPhase = $state<'idle' | 'building'>('idle');
  indexProgress = $state.raw<JobProgress | null>(null);
  indexStartedAt = $state(0);
  indexProblem = $state.raw<LabProblem | null>(null);
  #indexAbort: AbortController | null = null;
  readonly #deps: VectorLabDeps;

  constructor(deps: VectorLabDeps) {
    this.#deps = deps;
    this.embedder = new Embedder(deps.runtime);
    this.collections = new Collections(deps.store);
    this.builder = new Builder(deps.store);
    this.embedding = new Embedding({ store: deps.store, runtime: deps.runtime, embedder: this.embedder, reload: deps.reload });
    this.query = new SearchState({ search: deps.search, embedder: this.embedder });
    this.evaluation = new Evaluation({ store: deps.store, search: deps.search, embedder: this.embedder, experiments: deps.experiments });
    this.map = new MapState(deps.search);
  }

  get selected(): CollectionRecord | null {
    return this.collections.selected;
  }

  async init(): Promise<void> {
    const f = this.#deps.fetch ?? globalThis.fetch.bind(globalThis);
    await Promise.all([this.embedder.discover(f), this.collections.refresh(), this.evaluation.loadHeldOut(f)]);
  }

  /** Selects a collection and loads it into the search worker. */
  async select(id: string | null): Promise<void> {
    this.collections.selectedId = id;
    this.summary = null;
    this.openProblem = null;
    this.query.clear();
    this.map.clear();
    this.evaluation.run = null;
    this.evaluation.sweep = null;
    const record = this.selected;
    if (!record) return;
    this.embedder.modelText = record.model.ref;
    if (record.embedded === 0) return;
    await this.#open(record.id);
  }

  async #open(id: string): Promise<void> {
    this.opening = { done: 0, total: 1, stage: 'vectors' };
    try {
      const summary = await this.#deps.search.call('open', { collection: id }, { onProgress: (p) => (this.opening = p) });
      if (this.collections.selectedId === id) this.summary = summary;
    } catch (e) {
      this.openProblem = problemOf(e);
    } finally {
      this.opening = null;
    }
  }

  /** Loads the model, stores the previewed collection, embeds it and builds its index. */
  async createAndEmbed(): Promise<void> {
    let info;
    try {
      info = await this.embedder.ensure();
    } catch {
      return;
    }
    this.builder.modelMaxTokens = info.maxLength;
    const probe = await this.#deps.runtime.embed(info.handle, ['dimension probe'], { pooling: 'mean', normalize: true });
    const model = { ...this.embedder.collectionModel(info), dim: probe.length };
    const record = await this.builder.create(model, info);
    if (!record) return;
    this.builder.clear();
    await this.collections.refresh();
    await this.select(record.id);
    await this.embedAndIndex(record);
  }

  /** Embeds what is left of a collection, then (when complete) opens it and builds its HNSW index. */
  async embedAndIndex(record: CollectionRecord): Promise<void> {
    const done = await this.embedding.run(record);
    await this.collections.refresh();
    if (!done || this.collections.selectedId !== record.id) return;
    await this.#open(record.id);
    if (done.embedded === done.chunkCount && !done.index) await this.buildIndex();
  }

  async buildIndex(): Promise<void> {
    const record = this.selected;
    if (!record || this.indexPhase === 'building') return;
    const abort = (this.#indexAbort = new AbortController());
    this.indexPhase = 'building';
    this.indexProblem = null;
    this.indexStartedAt = performance.now();
    this.indexProgress = { done: 0, total: record.embedded };
    const release = this.#deps.reload.deferReload('vector-search: index build');
    try {
      await this.#open(record.id);
      this.summary = await this.#deps.search.call('build', { collection: record.id, params: { ...this.hnswParams } }, { signal: abort.signal, onProgress: (p) => (this.indexProgress = p) });
      await this.collections.refresh();
    } catch (e) {
      this.indexProblem = problemOf(e);
    } finally {
      release();
      this.indexPhase = 'idle';
      this.indexProgress = null;
      this.#indexAbort = null;
    }
  }

  cancelIndex(): void {
    this.#indexAbort?.abort();
  }

  /** Runs the query on the selected collection and places it on the map. */
  async search(vector: Float32Array | null = null): Promise<void> {
    const record = this.selected;
    if (!record) return;
    if (!this.summary && record.embedded > 0) await this.#open(record.id);
    await this.query.run(record, vector);
    const q = this.query.queryVector;
    const exact = this.query.response?.exact;
    if (q && exact && this.map.points?.collection === record.id) await this.map.placeQuery(record.id, q, exact.rows.map((r) => r.index));
  }

  /** "Search with this point": the chunk's own vector as the query, its text in the (one-line) box, line breaks as spaces. */
  async searchWithPoint(row: number): Promise<void> {
    const record = this.selected;
    if (!record) return;
    const [chunk, vector] = await Promise.all([this.#deps.search.call('chunk', { collection: record.id, index: row }), this.#deps.search.call('vector', { collection: record.id, index: row })]);
    this.query.text = chunk.text.replace(/\s+/g, ' ').trim().slice(0, 500);
    await this.search(vector);
  }
}
