/**
 * The embedding run of a collection: chunk texts go to the runtime's `embed` (in the inference
 * worker) `step` at a time, and each step's vectors are stored together with the collection's
 * `embedded` marker in one IndexedDB transaction. So a cancel, a reload, a crash or a full disk
 * leaves a consistent prefix, and the next run resumes exactly where the last one stopped.
 */
import type { EmbedOptions, Progress } from '../../../lib/runtime/types';
import type { ChunkRecord, CollectionRecord } from '../store/collection-record';
import { VectorStoreError, type VectorStore } from '../store/vector-db';

/** The slice of the runtime client this job uses. */
export interface EmbedRuntime {
  embed(handle: string, texts: string[], opts: EmbedOptions, onProgress?: (p: Progress) => void): Promise<Float32Array>;
}

export interface EmbedJobProgress {
  /** Chunks embedded and stored, in total (the resume point). */
  stored: number;
  /** Chunks embedded, including the step not stored yet. */
  done: number;
  total: number;
  /** Chunks embedded by this run (its rate and ETA are computed from these). */
  doneThisRun: number;
  remainingAtStart: number;
  elapsedMs: number;
}

export type EmbedOutcome =
  | { status: 'done'; record: CollectionRecord }
  | { status: 'cancelled'; record: CollectionRecord }
  | { status: 'failed'; record: CollectionRecord; error: unknown };

export interface EmbedJobOptions {
  store: VectorStore;
  runtime: EmbedRuntime;
  handle: string;
  collectionId: string;
  chunks: readonly ChunkRecord[];
  /** Chunks per stored step (a multiple or divisor of the block size keeps writes small). */
  step?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: EmbedJobProgress) => void;
  now?: () => number;
}

export class EmbedDimensionError extends Error {
  constructor(readonly expected: number, readonly got: number) {
    super(`the model returned ${got}-d vectors, the collection holds ${expected}-d vectors`);
    this.name = 'EmbedDimensionError';
  }
}

const isCancel = (e: unknown) => (e as { kind?: string; code?: string })?.kind === 'cancelled' || (e as { code?: string })?.code === 'cancelled';

export async function runEmbedJob(o: EmbedJobOptions): Promise<EmbedOutcome> {
  const now = o.now ?? (() => performance.now());
  const step = o.step ?? 64;
  let record = await o.store.getCollection(o.collectionId);
  if (o.chunks.length !== record.chunkCount) throw new VectorStoreError('conflict', `${o.chunks.length} chunks for a collection of ${record.chunkCount}`);
  const { dim, pooling, normalize, maxLength } = record.model;
  const t0 = now();
  const startedAt = record.embedded;
  const report = (inStep: number) =>
    o.onProgress?.({
      stored: record.embedded,
      done: record.embedded + inStep,
      total: record.chunkCount,
      doneThisRun: record.embedded + inStep - startedAt,
      remainingAtStart: record.chunkCount - startedAt,
      elapsedMs: now() - t0,
    });
  report(0);
  try {
    while (record.embedded < record.chunkCount) {
      if (o.signal?.aborted) return { status: 'cancelled', record };
      const from = record.embedded;
      const texts = o.chunks.slice(from, Math.min(record.chunkCount, from + step)).map((c) => c.text);
      const vectors = await o.runtime.embed(o.handle, texts, { batchSize: o.batchSize ?? 16, pooling, normalize, maxLength, signal: o.signal }, (p) => report(p.done));
      if (vectors.length !== texts.length * dim) throw new EmbedDimensionError(dim, vectors.length / Math.max(1, texts.length));
      record = await o.store.appendVectors(o.collectionId, from, vectors);
      report(0);
    }
    return { status: 'done', record };
  } catch (e) {
    if (isCancel(e) || o.signal?.aborted) return { status: 'cancelled', record };
    return { status: 'failed', record, error: e };
  }
}
