/**
 * Something the lab tells the learner: a message key under `vectorSearch.problems` with values,
 * or the runtime's own bilingual message. Errors from every layer are mapped here.
 */
import type { Bilingual } from '../../lib/runtime/types';
import { CollectionFileError } from './store/collection-file';
import { VectorStoreError } from './store/vector-db';
import { SearchCallError } from './worker/search-client';
import { EmbedDimensionError } from './embed/embed-job';
import { JudgmentFormatError } from './eval/judgments';
import { DemoSetError } from './demo-sets';

export interface LabProblem {
  code: string;
  values?: Record<string, string | number>;
  /** The runtime's message, when the problem came from it. */
  message?: Bilingual;
}

/** A query embedded by another model than the one that made the collection. */
export class ModelMismatchError extends Error {
  constructor(
    readonly collectionModel: string,
    readonly queryModel: string,
  ) {
    super(`the collection was embedded with ${collectionModel}; the query model is ${queryModel}`);
    this.name = 'ModelMismatchError';
  }
}

export function problemOf(error: unknown): LabProblem {
  const e = error as { userMessage?: Bilingual; code?: string; message?: string };
  if (error instanceof VectorStoreError) return { code: `store-${error.code}`, values: { detail: error.message } };
  if (error instanceof SearchCallError) return { code: `worker-${error.code}`, values: { detail: error.message } };
  if (error instanceof CollectionFileError) return { code: 'import-invalid', values: { detail: error.message } };
  if (error instanceof EmbedDimensionError) return { code: 'dimension', values: { expected: error.expected, got: error.got } };
  if (error instanceof JudgmentFormatError) return { code: 'judgments-invalid', values: { detail: error.message } };
  if (error instanceof DemoSetError) return { code: 'demo-failed', values: { file: error.file, detail: error.message } };
  if (error instanceof ModelMismatchError) return { code: 'model-mismatch', values: { collection: error.collectionModel, query: error.queryModel } };
  if (e?.userMessage) return { code: 'runtime', message: e.userMessage };
  const text = e?.message ?? String(error);
  return { code: 'internal', values: { detail: text } };
}
