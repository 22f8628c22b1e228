/**
 * One query against the selected collection: its options (k, metric, ef, fusion, filters), the
 * query's embedding, and the four result lists (exact, HNSW, BM25, hybrid) side by side.
 */
import type { Metric } from './search/vector-set';
import type { Embedder } from './embedder.svelte';
import { problemOf, type LabProblem } from './lab-problem';
import type { CollectionRecord } from './store/collection-record';
import type { SearchClient } from './worker/search-client';
import type { DenseSource, SearchResponse } from './worker/search-engine';

export class SearchState {
  text = $state('');
  k = $state(10);
  metric = $state<Metric>('cosine');
  ef = $state(64);
  fusionKind = $state<'rrf' | 'weighted'>('rrf');
  rrfK = $state(60);
  denseWeight = $state(0.5);
  hybridDense = $state<DenseSource>('exact');
  /** Allowed sources (null = all) and one field filter. */
  sources = $state.raw<string[] | null>(null);
  field = $state.raw<{ name: string; value: string } | null>(null);

  phase = $state<'idle' | 'embedding' | 'searching'>('idle');
  problem = $state.raw<LabProblem | null>(null);
  response = $state.raw<SearchResponse | null>(null);
  /** The embedded query (for the map) and the collection it was run on. */
  queryVector = $state.raw<Float32Array | null>(null);
  searchedCollection = $state<string | null>(null);
  #run = 0;
  readonly #deps: { search: SearchClient; embedder: Embedder };

  constructor(deps: { search: SearchClient; embedder: Embedder }) {
    this.#deps = deps;
  }

  clear(): void {
    this.response = null;
    this.queryVector = null;
    this.problem = null;
    this.searchedCollection = null;
  }

  /** Embeds the query with the collection's model and searches; a vector may be given (a map point). */
  async run(record: CollectionRecord, vector: Float32Array | null = null): Promise<void> {
    const run = ++this.#run;
    this.problem = null;
    if (this.text.trim() === '' && !vector) {
      this.problem = { code: 'empty-query' };
      return;
    }
    try {
      let q = vector;
      if (!q && record.embedded > 0) {
        this.phase = 'embedding';
        q = await this.#deps.embedder.embedQueries([this.text], record.model);
      }
      if (run !== this.#run) return;
      this.phase = 'searching';
      const response = await this.#deps.search.call('search', {
        req: {
          collection: record.id, text: this.text, vector: q, k: this.k, metric: this.metric, ef: this.ef,
          fusion: this.fusionKind === 'rrf' ? { kind: 'rrf', k: this.rrfK } : { kind: 'weighted', denseWeight: this.denseWeight },
          hybridDense: this.hybridDense, candidates: 100, filter: { sources: this.sources, field: this.field },
        },
      });
      if (run !== this.#run) return;
      this.response = response;
      this.queryVector = q;
      this.searchedCollection = record.id;
    } catch (e) {
      if (run === this.#run) this.problem = problemOf(e);
    } finally {
      if (run === this.#run) this.phase = 'idle';
    }
  }
}
