/**
 * The embedding model the lab uses: which one (a model reference), loading it once through the
 * runtime, and embedding queries the way a collection was embedded. A collection is tied to the
 * model that made it: a query embedded by another model, or with another dimension, is refused.
 */
import { formatModelRef, parseModelRef } from '../../lib/runtime/model-ref';
import type { EmbedOptions, LoadOptions, ModelInfo, ModelRef, Progress, ProgressCallback } from '../../lib/runtime/types';
import type { EmbedRuntime } from './embed/embed-job';
import { ModelMismatchError, problemOf, type LabProblem } from './lab-problem';
import type { CollectionModel } from './store/collection-record';

/** The slice of the runtime client the lab uses. */
export interface LabRuntime extends EmbedRuntime {
  load(ref: ModelRef, opts?: LoadOptions, onProgress?: ProgressCallback): Promise<ModelInfo>;
  embed(handle: string, texts: string[], opts: EmbedOptions, onProgress?: ProgressCallback): Promise<Float32Array>;
  onCrash(cb: (error: unknown) => void): () => void;
}

/** The runtime's `cancelled` (the learner's Cancel). */
export const isCancelled = (e: unknown): boolean => (e as { kind?: string } | null)?.kind === 'cancelled';

/** The technical cause of a worker crash, as the runtime reports it (`RuntimeError('worker-crashed', { detail })`). */
export function crashDetail(e: unknown): string {
  const detail = (e as { params?: { detail?: unknown } } | null)?.params?.detail;
  return typeof detail === 'string' ? detail : e instanceof Error ? e.message : String(e);
}

/** Shipped embedders in order of preference: the sentence embedder, then the plain encoder. */
export const PREFERRED_MODELS = ['mini-embed-zh-en', 'mini-bert-zh-en'];

/** The default model reference among the shipped model ids. */
export function defaultModel(shipped: readonly string[]): string {
  const id = PREFERRED_MODELS.find((m) => shipped.includes(m)) ?? shipped[0] ?? PREFERRED_MODELS[0]!;
  return `shipped:${id}`;
}

export class Embedder {
  /** The model reference typed or chosen, e.g. `shipped:mini-embed-zh-en`. */
  modelText = $state('');
  shipped = $state.raw<string[]>([]);
  phase = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state.raw<Progress | null>(null);
  problem = $state.raw<LabProblem | null>(null);
  info = $state.raw<ModelInfo | null>(null);
  readonly #runtime: LabRuntime;

  constructor(runtime: LabRuntime) {
    this.#runtime = runtime;
    runtime.onCrash((error) => {
      // the session died with the worker: say so (the model loads again on next use) rather than just forget it
      if (this.info || this.phase === 'loading') this.problem = { code: 'model-worker-restarted', values: { model: this.modelText, detail: crashDetail(error) } };
      this.info = null;
      this.phase = 'idle';
    });
  }

  /** Reads the shipped models' list (`/models/manifest.json`) and picks the default embedder. */
  async discover(fetcher: typeof fetch = fetch, base = `${import.meta.env?.BASE_URL ?? '/'}models/manifest.json`): Promise<void> {
    try {
      const res = await fetcher(base);
      const manifest = res.ok ? ((await res.json()) as { models?: { id: string }[] }) : { models: [] };
      this.shipped = (manifest.models ?? []).map((m) => m.id);
    } catch {
      this.shipped = [];
    }
    if (this.modelText === '') this.modelText = defaultModel(this.shipped);
  }

  /** The parsed, canonical reference of `modelText` (throws the runtime's `bad-ref` error). */
  get ref(): ModelRef {
    return parseModelRef(this.modelText);
  }

  /**
   * Loads the model (once; the runtime caches it) and returns its info. Aborting `signal` cancels this
   * wait (and the load, when nothing else waits for it): the embedder goes back to idle, with no problem.
   */
  async ensure(signal?: AbortSignal): Promise<ModelInfo> {
    const ref = this.ref;
    if (this.info && formatModelRef(this.info.ref) === formatModelRef(ref)) return this.info;
    this.phase = 'loading';
    this.problem = null;
    try {
      const info = await this.#runtime.load(ref, signal ? { signal } : {}, (p) => (this.progress = p));
      if (!info.capabilities.featureExtraction) throw Object.assign(new Error('no-hidden-state'), { userMessage: undefined, code: 'not-embedder' });
      this.info = info;
      this.phase = 'ready';
      return info;
    } catch (e) {
      if (isCancelled(e)) {
        this.phase = 'idle';
        throw e;
      }
      this.phase = 'error';
      this.problem = (e as { code?: string }).code === 'not-embedder' ? { code: 'not-embedder', values: { model: formatModelRef(ref) } } : problemOf(e);
      throw e;
    } finally {
      this.progress = null;
    }
  }

  /** What a new collection records about this model. */
  collectionModel(info: ModelInfo): CollectionModel {
    return {
      ref: formatModelRef(info.ref),
      dim: info.capabilities.hiddenSize ?? Number(info.config.hidden_size ?? 0),
      pooling: 'mean',
      normalize: true,
      maxLength: info.maxLength,
      dtype: info.dtype,
    };
  }

  /** Embeds query texts as `model` embedded its collection; refuses when the loaded model differs. */
  async embedQueries(texts: string[], model: CollectionModel, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<Float32Array> {
    const info = await this.ensure();
    const current = formatModelRef(info.ref);
    if (current !== model.ref) throw new ModelMismatchError(model.ref, current);
    return this.#runtime.embed(info.handle, texts, { batchSize: 32, pooling: model.pooling, normalize: model.normalize, maxLength: model.maxLength, signal }, onProgress);
  }
}
