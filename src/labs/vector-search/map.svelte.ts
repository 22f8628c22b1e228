/**
 * The 2-D map of the selected collection: a PCA layout at once, or UMAP (in the worker, with
 * progress), points coloured by source or a metadata field, the query's position and its nearest
 * neighbours, and the text of the hovered point.
 */
import { problemOf, type LabProblem } from './lab-problem';
import type { ColourBy, JobProgress } from './worker/protocol';
import type { SearchClient } from './worker/search-client';
import type { Categories, ResultRow } from './worker/search-engine';

export interface MapPoints {
  collection: string;
  layout: 'pca' | 'umap';
  /** `rows.length × 2`. */
  coords: Float32Array;
  /** Collection row of each point. */
  rows: Int32Array;
  /** PCA: share of variance on each axis. */
  explained: [number, number] | null;
  /** How many rows the layout was computed from (PCA basis sample, or UMAP's sample). */
  sampleSize: number;
  total: number;
}

export class MapState {
  layout = $state<'pca' | 'umap'>('pca');
  colourBy = $state.raw<ColourBy>({ kind: 'source' });
  points = $state.raw<MapPoints | null>(null);
  categories = $state.raw<Categories | null>(null);
  query = $state.raw<{ xy: [number, number]; neighbours: number[] } | null>(null);
  hovered = $state.raw<ResultRow | null>(null);
  phase = $state<'idle' | 'computing'>('idle');
  progress = $state.raw<JobProgress | null>(null);
  startedAt = $state(0);
  problem = $state.raw<LabProblem | null>(null);
  #abort: AbortController | null = null;
  #hoverRun = 0;
  readonly #search: SearchClient;

  constructor(search: SearchClient) {
    this.#search = search;
  }

  clear(): void {
    this.points = null;
    this.categories = null;
    this.query = null;
    this.hovered = null;
  }

  async compute(collection: string, total: number): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.problem = null;
    this.phase = 'computing';
    this.startedAt = performance.now();
    try {
      if (this.layout === 'pca') {
        const r = await this.#search.call('pca', { collection });
        this.points = { collection, layout: 'pca', coords: r.coords, rows: Int32Array.from({ length: r.coords.length / 2 }, (_, i) => i), explained: r.explained, sampleSize: r.sampleSize, total };
      } else {
        const r = await this.#search.call('umap', { collection, opts: {} }, { signal: abort.signal, onProgress: (p) => (this.progress = p) });
        this.points = { collection, layout: 'umap', coords: r.coords, rows: r.rows, explained: null, sampleSize: r.rows.length, total };
      }
      this.categories = await this.#search.call('categories', { collection, by: this.colourBy });
      this.query = null;
    } catch (e) {
      if (!abort.signal.aborted) this.problem = problemOf(e);
    } finally {
      if (this.#abort === abort) {
        this.phase = 'idle';
        this.progress = null;
        this.#abort = null;
      }
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  async recolour(collection: string, by: ColourBy): Promise<void> {
    this.colourBy = by;
    try {
      this.categories = await this.#search.call('categories', { collection, by });
    } catch (e) {
      this.problem = problemOf(e);
    }
  }

  /** Places the query on the current layout, with lines to its nearest neighbours (collection rows). */
  async placeQuery(collection: string, vector: Float32Array, neighbours: number[]): Promise<void> {
    if (!this.points || this.points.collection !== collection) return;
    try {
      const xy = await this.#search.call('project', { collection, vector: vector.slice(), layout: this.points.layout });
      this.query = { xy, neighbours };
    } catch (e) {
      this.problem = problemOf(e);
    }
  }

  async hover(collection: string, row: number | null): Promise<void> {
    const run = ++this.#hoverRun;
    if (row === null) {
      this.hovered = null;
      return;
    }
    const r = await this.#search.call('chunk', { collection, index: row }).catch(() => null);
    if (run === this.#hoverRun) this.hovered = r;
  }
}
