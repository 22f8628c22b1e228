import type { EmbedPool, PoolModel } from './embed-pool';
import { RuntimeError, type SerializedRuntimeError } from './errors';
import { checkModelRef, formatModelRef } from './model-ref';
import type { FromWorker, ModelInspection, RequestType, Requests, ResolvedLoadOptions, ToWorker } from './protocol';
import { RuntimeSettings } from './settings.svelte';
import { SharedJob } from './shared-job';
import type {
  BackendProbe,
  BenchmarkOptions,
  BenchmarkResult,
  EmbedOptions,
  Encoded,
  FillMaskPrediction,
  LoadOptions,
  ModelInfo,
  ModelRef,
  ProgressCallback,
  RunInputs,
  RunOptions,
  TensorData,
  TokenizeOptions,
  WorkerState,
} from './types';

/** What the client needs of a Worker (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

/** The worker's state, reactive. */
export class RuntimeStatus {
  worker = $state<WorkerState>('starting');
  lastError = $state<RuntimeError | undefined>(undefined);
  restarts = $state(0);
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: RuntimeError) => void;
  onProgress?: ProgressCallback;
  detach: () => void;
}

export interface RuntimeClientOptions {
  createWorker: () => WorkerLike;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Enables `__killWorkerForTest` (dev builds, or `?debug=1`). */
  debug?: boolean;
  /**
   * Called when the worker starts working (a call is pending); the function it returns is called
   * when the last pending call settles. The app holds off reloading into a new version meanwhile
   * (`pwa.deferReload`), so an update never kills a download or an embedding job.
   */
  holdReload?: () => () => void;
  /**
   * One-thread replica workers for long `embed` calls on WebAssembly models (see `embed-pool.ts`).
   * Without it, or for WebGPU models and short lists, `embed` runs in the main worker.
   */
  embedPool?: EmbedPool | null;
}

/**
 * The typed client of the inference worker (see docs/ARCHITECTURE.md → "Runtime worker").
 * Requests are matched to replies by id; long calls stream progress and take an AbortSignal.
 * When the worker dies, pending calls reject with `worker-crashed`, the worker restarts empty,
 * old handles become stale, and `onCrash` listeners hear about it.
 */
export class RuntimeClient {
  readonly status = new RuntimeStatus();
  readonly settings: RuntimeSettings;
  readonly #opts: RuntimeClientOptions;
  #worker: WorkerLike | null = null;
  #generation = 0;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #loads = new Map<string, SharedJob<ModelInfo>>();
  /** Loads cancelled while the worker was on them: a result still on its way is unloaded when it arrives. */
  readonly #abandonedLoads = new Set<number>();
  readonly #crashListeners = new Set<(error: RuntimeError) => void>();
  /** What each loaded WebAssembly handle runs, for the embed pool's replicas to load the same. */
  readonly #poolModels = new Map<string, PoolModel>();
  /** Pooled embed jobs in flight: a crash of the main worker ends them with its error. */
  readonly #poolJobs = new Set<(error: RuntimeError) => void>();
  #releaseReload: (() => void) | null = null;

  constructor(opts: RuntimeClientOptions) {
    this.#opts = opts;
    this.settings = new RuntimeSettings(opts.storage === undefined ? (globalThis.localStorage ?? null) : opts.storage);
  }

  #ensureWorker(): WorkerLike {
    if (this.#worker) return this.#worker;
    this.#generation++;
    const w = this.#opts.createWorker();
    const gen = this.#generation;
    w.onmessage = (e) => gen === this.#generation && this.#onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      if (gen === this.#generation) this.#crash(new RuntimeError('worker-crashed', { detail: e.message || 'uncaught error in the worker' }));
    };
    w.onmessageerror = () => gen === this.#generation && this.#crash(new RuntimeError('worker-crashed', { detail: 'a message could not be read' }));
    this.#worker = w;
    if (this.status.worker !== 'restarting') this.status.worker = 'starting';
    return w;
  }

  #settle(): void {
    if (this.status.worker === 'ready' || this.status.worker === 'busy') this.status.worker = this.#pending.size > 0 ? 'busy' : 'ready';
    if (this.#pending.size > 0) this.#releaseReload ??= this.#opts.holdReload?.() ?? null;
    else if (this.#releaseReload) {
      const release = this.#releaseReload;
      this.#releaseReload = null;
      release();
    }
  }

  #onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        this.status.worker = 'ready';
        this.#settle();
        return;
      case 'progress':
        this.#pending.get(msg.id)?.onProgress?.(msg.progress);
        return;
      case 'result':
      case 'error': {
        const p = this.#pending.get(msg.id);
        if (!p) {
          if (this.#abandonedLoads.delete(msg.id) && msg.type === 'result') this.#releaseAbandoned((msg.result as ModelInfo).handle);
          return;
        }
        this.#pending.delete(msg.id);
        p.detach();
        if (msg.type === 'result') p.resolve(msg.result);
        else {
          const err = RuntimeError.fromJSON(msg.error);
          this.status.lastError = err;
          p.reject(err);
        }
        this.#settle();
        return;
      }
      case 'fatal':
        this.#crash(RuntimeError.fromJSON({ code: 'worker-crashed', params: { detail: RuntimeError.fromJSON(msg.error).message }, detail: msg.error.detail }));
    }
  }

  #crash(error: RuntimeError): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.status.worker = 'crashed';
    this.status.lastError = error;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#loads.clear();
    this.#abandonedLoads.clear();
    this.#poolModels.clear();
    for (const stop of [...this.#poolJobs]) stop(error);
    for (const p of pending) {
      p.detach();
      p.reject(error);
    }
    this.#settle();
    for (const cb of this.#crashListeners) cb(error);
    this.status.restarts++;
    this.status.worker = 'restarting';
    this.#ensureWorker();
  }

  #call<K extends RequestType>(type: K, args: Requests[K]['args'], opts: { signal?: AbortSignal; onProgress?: ProgressCallback } = {}): Promise<Requests[K]['result']> {
    const { signal, onProgress } = opts;
    if (signal?.aborted) return Promise.reject(new RuntimeError('cancelled'));
    const w = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.#pending.delete(id)) return;
        if (type === 'load') this.#abandonedLoads.add(id);
        this.#worker?.postMessage({ type: 'cancel', id });
        reject(new RuntimeError('cancelled'));
        this.#settle();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress,
        detach: () => signal?.removeEventListener('abort', onAbort),
      });
      this.#settle();
      w.postMessage({ type, id, ...args } as ToWorker);
    });
  }

  /** `g<generation>/<worker handle>`: a handle from before a restart is refused as stale. */
  #workerHandle(handle: string): string {
    const m = /^g(\d+)\/(.+)$/.exec(handle);
    if (!m) throw new RuntimeError('unknown-handle', { handle });
    if (Number(m[1]) !== this.#generation || !this.#worker) throw new RuntimeError('stale-handle');
    return m[2]!;
  }

  #resolveOptions(opts: LoadOptions = {}): ResolvedLoadOptions {
    const backend = opts.backend && opts.backend !== 'auto' ? opts.backend : this.settings.backend;
    const dtype = opts.dtype && opts.dtype !== 'auto' ? opts.dtype : this.settings.dtype;
    return { backend, dtype, modelFile: opts.modelFile ?? 'model', ...(opts.exposeAttentions ? { exposeAttentions: true } : {}) };
  }

  /** A load the worker finished after it was cancelled: its session is released (the worker counts users per session). */
  #releaseAbandoned(handle: string): void {
    this.#call('unload', { handle }).catch(() => undefined);
  }

  /**
   * Loads a model once per (ref, backend, dtype, modelFile); later calls share the load (and, without a
   * signal, its very promise), each with its own progress. `opts.signal` cancels one caller's wait at
   * once; the load itself is cancelled in the worker when no caller waits any more.
   */
  load(ref: ModelRef, opts: LoadOptions = {}, onProgress?: ProgressCallback): Promise<ModelInfo> {
    try {
      checkModelRef(ref);
    } catch (e) {
      return Promise.reject(e);
    }
    if (opts.signal?.aborted) return Promise.reject(new RuntimeError('cancelled'));
    const resolved = this.#resolveOptions(opts);
    const key = `${formatModelRef(ref)}|${resolved.backend}|${resolved.dtype}|${resolved.modelFile}${resolved.exposeAttentions ? '|attentions' : ''}`;
    let job = this.#loads.get(key);
    if (!job || job.aborted) {
      this.#ensureWorker();
      const gen = this.#generation;
      const created = new SharedJob<ModelInfo>((signal, progress) =>
        this.#call('load', { ref, opts: resolved, hubBaseUrl: this.settings.hubBaseUrl }, { signal, onProgress: progress }).then((info) => {
          const handle = `g${gen}/${info.handle}`;
          if (info.backend === 'wasm' && !resolved.exposeAttentions) this.#poolModels.set(handle, { ref, dtype: info.dtype, modelFile: resolved.modelFile });
          return { ...info, handle };
        }),
      );
      this.#loads.set(key, created);
      created.promise.catch(() => this.#loads.get(key) === created && this.#loads.delete(key));
      job = created;
    }
    return job.join(opts.signal, onProgress);
  }

  async unload(handle: string): Promise<void> {
    let inner: string;
    try {
      inner = this.#workerHandle(handle);
    } catch (e) {
      if (e instanceof RuntimeError && e.code === 'stale-handle') return;
      throw e;
    }
    // the worker counts one user per load it answered: release one per cached load of this handle
    let users = 0;
    for (const [key, job] of this.#loads) {
      const info = await job.promise.catch(() => null);
      if (info?.handle === handle && this.#loads.get(key) === job) {
        this.#loads.delete(key);
        users++;
      }
    }
    for (let i = 0; i < Math.max(1, users); i++) await this.#call('unload', { handle: inner });
    const pooled = this.#poolModels.get(handle);
    this.#poolModels.delete(handle);
    if (pooled) await this.#opts.embedPool?.release(pooled);
  }

  /** Downloads a Hub model into the model cache without loading it (an addition to the contract). */
  download(ref: ModelRef, opts?: LoadOptions, onProgress?: ProgressCallback, signal?: AbortSignal): Promise<ModelInspection> {
    return this.#call('download', { ref, opts: this.#resolveOptions(opts), hubBaseUrl: this.settings.hubBaseUrl }, { onProgress, signal });
  }

  /** A model's files, dtypes and capabilities without loading it (an addition to the contract). */
  inspect(ref: ModelRef): Promise<ModelInspection> {
    return this.#call('inspect', { ref });
  }

  async tokenize(handle: string, text: string, textPair?: string, opts?: TokenizeOptions): Promise<Encoded> {
    return this.#call('tokenize', { handle: this.#workerHandle(handle), text, ...(textPair === undefined ? {} : { textPair }), ...(opts ? { opts } : {}) });
  }

  async run(handle: string, inputs: RunInputs, opts: RunOptions = {}): Promise<Record<string, TensorData>> {
    return this.#call('run', { handle: this.#workerHandle(handle), inputs, ...(opts.outputs ? { outputs: opts.outputs } : {}) }, { signal: opts.signal });
  }

  /**
   * Sentence vectors, `texts.length × width`, in input order. A WebAssembly model with more texts than
   * one batch runs on the embed pool's one-thread replicas, side by side, when the client has one
   * (`opts.parallel: false` keeps it in the main worker); the result is the same either way.
   */
  async embed(handle: string, texts: string[], opts: EmbedOptions = {}, onProgress?: ProgressCallback): Promise<Float32Array> {
    const { signal, parallel, ...rest } = opts;
    const inner = this.#workerHandle(handle);
    const pool = this.#opts.embedPool;
    const model = this.#poolModels.get(handle);
    if (pool && model && parallel !== false && Array.isArray(texts) && texts.length > (rest.batchSize ?? 32)) return this.#pooledEmbed(pool, model, texts, rest, signal, onProgress);
    return this.#call('embed', { handle: inner, texts, opts: rest }, { signal, onProgress });
  }

  async #pooledEmbed(pool: EmbedPool, model: PoolModel, texts: string[], opts: Omit<EmbedOptions, 'signal' | 'parallel'>, signal: AbortSignal | undefined, onProgress?: ProgressCallback): Promise<Float32Array> {
    if (signal?.aborted) throw new RuntimeError('cancelled');
    const ac = new AbortController();
    let crashed: RuntimeError | null = null;
    const onCrash = (e: RuntimeError) => {
      crashed = e;
      ac.abort();
    };
    const onAbort = () => ac.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#poolJobs.add(onCrash);
    const release = this.#opts.holdReload?.();
    try {
      return await pool.embed(model, texts, { ...opts, signal: ac.signal, onProgress });
    } catch (e) {
      if (crashed) throw crashed;
      throw e;
    } finally {
      this.#poolJobs.delete(onCrash);
      signal?.removeEventListener('abort', onAbort);
      release?.();
    }
  }

  async fillMask(handle: string, text: string, topK = 5): Promise<FillMaskPrediction[]> {
    return this.#call('fillMask', { handle: this.#workerHandle(handle), text, topK });
  }

  /** Times `runs` inferences on one text inside the worker (an addition to the contract). */
  async benchmark(handle: string, opts: BenchmarkOptions, onProgress?: ProgressCallback): Promise<BenchmarkResult> {
    return this.#call('benchmark', { handle: this.#workerHandle(handle), text: opts.text, runs: opts.runs, warmup: opts.warmup ?? 2 }, { signal: opts.signal, onProgress });
  }

  probeBackends(): Promise<BackendProbe> {
    return this.#call('probe', {});
  }

  onCrash(cb: (error: RuntimeError) => void): () => void {
    this.#crashListeners.add(cb);
    return () => this.#crashListeners.delete(cb);
  }

  /** Test hook: makes the worker throw an uncaught error, as a wasm abort would. Debug builds only. */
  __killWorkerForTest(): void {
    if (!this.#opts.debug) throw new Error('__killWorkerForTest is only available in development builds or with ?debug=1');
    this.#ensureWorker().postMessage({ type: 'crash-for-test' });
  }

  /** The embed pool's replicas, for tests and the benchmark (`null` without a pool). */
  get embedPool(): EmbedPool | null {
    return this.#opts.embedPool ?? null;
  }
}

export type { SerializedRuntimeError };
