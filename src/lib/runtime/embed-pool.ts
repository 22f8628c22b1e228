/**
 * Embedding over several one-thread inference workers ("replicas") at once. On CPU, ONNX Runtime Web's
 * thread pool gains little for a small encoder (its parallel loops are short, and the threads meet at
 * every operator), while separate workers, each with its own copy of the model and one thread, keep
 * every core busy without meeting. The pool cuts the texts into batches of similar length (by
 * characters: the replicas tokenize), hands each batch to the next free replica, and writes the
 * vectors back in input order. Used by `RuntimeClient.embed` for WebAssembly models and long lists.
 */
import { checkBatchSize, planBatches } from './batch-plan';
import { RuntimeError } from './errors';
import { ProgressMeter } from './progress-meter';
import type { EmbedOptions, LoadOptions, ModelInfo, ModelRef, ProgressCallback } from './types';

/** What the pool needs of a replica: a `RuntimeClient` over its own worker. */
export interface PoolMember {
  load(ref: ModelRef, opts?: LoadOptions): Promise<ModelInfo>;
  embed(handle: string, texts: string[], opts?: EmbedOptions): Promise<Float32Array>;
  unload(handle: string): Promise<void>;
}

/** The model a pooled job runs: the same file the main worker loaded, on WebAssembly. */
export interface PoolModel {
  ref: ModelRef;
  dtype: LoadOptions['dtype'];
  modelFile?: string;
}

export interface PoolJobOptions extends Omit<EmbedOptions, 'signal'> {
  signal: AbortSignal;
  onProgress?: ProgressCallback;
  now?: () => number;
}

/** `min(4, cores)` replicas when there are at least two cores; none otherwise (the main worker does it all). */
export function replicaCount(hardwareConcurrency: number | undefined): number {
  const cores = Math.floor(hardwareConcurrency ?? 1);
  return cores >= 2 ? Math.min(4, cores) : 0;
}

const modelKey = (m: PoolModel) => JSON.stringify([m.ref, m.dtype, m.modelFile ?? 'model']);

export class EmbedPool {
  readonly #create: (index: number) => PoolMember;
  readonly #size: number;
  #members: PoolMember[] | null = null;
  /** Models the replicas loaded for pooled jobs, by `modelKey`: what `release` unloads. */
  readonly #loaded = new Map<string, Promise<ModelInfo>[]>();

  constructor(size: number, create: (index: number) => PoolMember) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`invalid pool size: ${size}`);
    this.#size = size;
    this.#create = create;
  }

  get size(): number {
    return this.#size;
  }

  /** The replicas, created on first use. */
  members(): PoolMember[] {
    return (this.#members ??= Array.from({ length: this.#size }, (_, i) => this.#create(i)));
  }

  /** Releases `model` in every replica that has it loaded (best effort). */
  async release(model: PoolModel): Promise<void> {
    const key = modelKey(model);
    const loads = this.#loaded.get(key);
    if (!loads || !this.#members) return;
    this.#loaded.delete(key);
    const members = this.#members;
    await Promise.all(
      loads.map(async (p, i) => {
        const info = await p.catch(() => null);
        if (info) await members[i]!.unload(info.handle).catch(() => undefined);
      }),
    );
  }

  /**
   * Vectors of `texts`, `texts.length × width`, row-major in input order. Rejects with the first
   * replica's error (the others are cancelled), or `cancelled` when `opts.signal` aborts.
   */
  async embed(model: PoolModel, texts: readonly string[], opts: PoolJobOptions): Promise<Float32Array> {
    const { signal, onProgress, now, batchSize = 32, ...embedOpts } = opts;
    checkBatchSize(batchSize);
    if (signal.aborted) throw new RuntimeError('cancelled');
    const inner = new AbortController();
    const stop = () => inner.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      const members = this.members();
      const loads = members.map((m) => m.load(model.ref, { backend: 'wasm', dtype: model.dtype, modelFile: model.modelFile, signal: inner.signal }));
      this.#loaded.set(modelKey(model), loads);
      const infos = await Promise.all(loads);
      const queue = planBatches(texts.map((t) => t.length), batchSize);
      let next = 0;
      let done = 0;
      let out: Float32Array | null = null;
      let width = 0;
      const meter = new ProgressMeter(texts.length, { stage: 'embed' }, (p) => onProgress?.(p), now);
      const work = async (m: PoolMember, handle: string) => {
        while (next < queue.length && !inner.signal.aborted) {
          const batch = queue[next++]!;
          const vectors = await m.embed(handle, batch.map((i) => texts[i]!), { ...embedOpts, batchSize: batch.length, signal: inner.signal });
          if (!out) {
            width = vectors.length / batch.length;
            out = new Float32Array(texts.length * width);
          } else if (vectors.length !== batch.length * width) {
            throw new RuntimeError('bad-input', { detail: `a replica returned ${vectors.length / batch.length}-d vectors, another ${width}-d` });
          }
          for (let k = 0; k < batch.length; k++) out.set(vectors.subarray(k * width, (k + 1) * width), batch[k]! * width);
          done += batch.length;
          meter.update(done);
        }
      };
      await Promise.all(
        members.map((m, i) =>
          work(m, infos[i]!.handle).catch((e) => {
            inner.abort();
            throw e;
          }),
        ),
      );
      if (signal.aborted) throw new RuntimeError('cancelled');
      if (texts.length === 0) meter.update(0);
      return out ?? new Float32Array(0);
    } catch (e) {
      if (signal.aborted) throw new RuntimeError('cancelled');
      throw e;
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }
}
