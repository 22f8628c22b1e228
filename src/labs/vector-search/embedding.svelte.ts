/**
 * The embedding run of one collection, as the view sees it: progress (done/total, chunks/s, ETA),
 * cancel, resume, and what stopped it — the learner's Cancel, a failure, or a crash of the model
 * worker (which the runtime restarts; the run is then resumable from the collection's marker).
 * While it runs, the PWA's "reload to update" waits.
 */
import { crashDetail, isCancelled, type Embedder, type LabRuntime } from './embedder.svelte';
import { runEmbedJob, type EmbedJobProgress } from './embed/embed-job';
import { problemOf, type LabProblem } from './lab-problem';
import type { CollectionRecord } from './store/collection-record';
import type { VectorStore } from './store/vector-db';

export interface ReloadGuard {
  deferReload(reason: string): () => void;
}

/** A failure caused by the model worker dying: the crash itself, or a handle from before its restart. */
const byWorkerCrash = (e: unknown): boolean => (e as { kind?: string } | null)?.kind === 'worker-crashed';

export class Embedding {
  collectionId = $state<string | null>(null);
  phase = $state<'idle' | 'loading-model' | 'running' | 'cancelling'>('idle');
  progress = $state.raw<EmbedJobProgress | null>(null);
  problem = $state.raw<LabProblem | null>(null);
  /** How the last run ended (`crashed`: the model worker died; the saved prefix stays and the run resumes from it). */
  lastOutcome = $state<'done' | 'cancelled' | 'failed' | 'crashed' | null>(null);
  #abort: AbortController | null = null;
  readonly #deps: { store: VectorStore; runtime: LabRuntime; embedder: Embedder; reload: ReloadGuard };

  constructor(deps: { store: VectorStore; runtime: LabRuntime; embedder: Embedder; reload: ReloadGuard }) {
    this.#deps = deps;
  }

  get running(): boolean {
    return this.phase !== 'idle';
  }

  /** Embeds the chunks of `record` not embedded yet; resolves with the updated record. */
  async run(record: CollectionRecord): Promise<CollectionRecord | null> {
    if (this.running) return null;
    const { store, runtime, embedder, reload } = this.#deps;
    const release = reload.deferReload('vector-search: embedding');
    const abort = (this.#abort = new AbortController());
    this.collectionId = record.id;
    this.problem = null;
    this.lastOutcome = null;
    this.progress = { stored: record.embedded, done: record.embedded, total: record.chunkCount, doneThisRun: 0, remainingAtStart: record.chunkCount - record.embedded, elapsedMs: 0 };
    let crash: unknown = null;
    const stopWatch = runtime.onCrash((e) => (crash = e));
    try {
      this.phase = 'loading-model';
      embedder.modelText = record.model.ref;
      const info = await embedder.ensure(abort.signal);
      const chunks = await store.loadChunks(record.id);
      if (abort.signal.aborted) {
        this.lastOutcome = 'cancelled';
        return record;
      }
      this.phase = 'running';
      const outcome = await runEmbedJob({
        store, runtime, handle: info.handle, collectionId: record.id, chunks, signal: abort.signal,
        onProgress: (p) => (this.progress = p),
      });
      if (outcome.status === 'failed' && (crash !== null || byWorkerCrash(outcome.error))) this.#crashed(outcome.record, crash ?? outcome.error);
      else {
        this.lastOutcome = outcome.status;
        if (outcome.status === 'failed') this.problem = problemOf(outcome.error);
      }
      return outcome.record;
    } catch (e) {
      if (isCancelled(e) || abort.signal.aborted) {
        this.lastOutcome = 'cancelled';
        return record;
      }
      if (crash !== null || byWorkerCrash(e)) {
        this.#crashed(record, crash ?? e);
        return record;
      }
      this.lastOutcome = 'failed';
      this.problem = problemOf(e);
      return null;
    } finally {
      stopWatch();
      release();
      this.#abort = null;
      this.phase = 'idle';
    }
  }

  /** Says what happened and where the run stands: the worker crashed, what is saved, where Resume continues. */
  #crashed(record: CollectionRecord, error: unknown): void {
    this.lastOutcome = 'crashed';
    this.problem = {
      code: 'model-crashed',
      values: { collection: record.name, detail: crashDetail(error), stored: record.embedded, total: record.chunkCount, next: record.embedded + 1 },
    };
    // this message names the crash; the model bar's own notice of it would only repeat it
    this.#deps.embedder.problem = null;
  }

  cancel(): void {
    if (!this.#abort) return;
    this.phase = 'cancelling';
    this.#abort.abort();
  }
}
