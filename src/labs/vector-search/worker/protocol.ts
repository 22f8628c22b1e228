/**
 * Messages between the lab (UI thread) and its search worker. Every command carries an `id`; the
 * worker answers with `progress` events and exactly one `result` or `error` with that id. `cancel`
 * stops job `id` at its next slice boundary.
 */
import type { UmapLayout, UmapOptions } from '../map/umap-layout';
import type { HnswParams } from '../search/hnsw-graph';
import type { CollectionSummary } from './loaded-collection';
import type { EfSweepRequest, EfSweepResult, EvaluateRequest, EvaluateResult } from './retrieval-eval';
import type { Categories, MapLayout, ResultRow, SearchRequest, SearchResponse } from './search-engine';

export type ColourBy = { kind: 'source' } | { kind: 'field'; name: string };

export interface SearchRequests {
  open: { args: { collection: string }; result: CollectionSummary };
  close: { args: { collection: string }; result: null };
  search: { args: { req: SearchRequest }; result: SearchResponse };
  build: { args: { collection: string; params: HnswParams }; result: CollectionSummary };
  evaluate: { args: { req: EvaluateRequest }; result: EvaluateResult };
  efSweep: { args: { req: EfSweepRequest }; result: EfSweepResult };
  pca: { args: { collection: string }; result: MapLayout };
  umap: { args: { collection: string; opts: UmapOptions }; result: UmapLayout };
  project: { args: { collection: string; vector: Float32Array; layout: 'pca' | 'umap' }; result: [number, number] };
  categories: { args: { collection: string; by: ColourBy }; result: Categories };
  chunk: { args: { collection: string; index: number }; result: ResultRow };
  vector: { args: { collection: string; index: number }; result: Float32Array };
}

export type SearchRequestType = keyof SearchRequests;

export type SearchCommand = { [K in SearchRequestType]: { type: K; id: number } & SearchRequests[K]['args'] }[SearchRequestType];

export interface JobProgress {
  done: number;
  total: number;
  stage?: string;
}

/** A failure as it crosses the worker boundary: a code the lab has a message for, and the technical detail. */
export interface WorkerFailure {
  code: string;
  message: string;
}

export type ToSearchWorker = SearchCommand | { type: 'cancel'; id: number };

export type FromSearchWorker =
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'result'; id: number; result: SearchRequests[SearchRequestType]['result'] }
  | { type: 'error'; id: number; error: WorkerFailure };
