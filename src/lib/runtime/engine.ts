import { AttentionSurgeryError, exposeAttentions, findAttentionSoftmaxes } from '../onnx/expose-attentions';
import { decodeModel } from '../onnx/onnx-proto';
import { chooseBackend, chooseDtype, describeChoice, type Reason } from './backend-choice';
import type { GpuAdapterLike } from './backend-probe';
import { probeCapabilities, textFeedable } from './capabilities';
import { RuntimeError } from './errors';
import { ensureHubModel } from './hub-cache';
import { LoadedModel, type SessionLike } from './model-session';
import { checkModelRef, formatModelRef } from './model-ref';
import type { ModelFiles, ShippedCatalog } from './model-sources';
import { storedFiles } from './model-sources';
import type { ModelStore, StoredFileInfo } from './model-store';
import { maxInputLength, validateConfig, validateOnnx, validateTokenizer, validateTokenizerConfig } from './model-validation';
import { loadableDtypes, onnxPath, onnxVariants } from './onnx-variants';
import type { ModelInspection, ResolvedLoadOptions } from './protocol';
import { mapSessionError } from './session-errors';
import type { OrtTensorLike } from './tensor-data';
import { SharedJob } from './shared-job';
import { createTokenizer } from './tokenizer';
import type { Backend, BackendProbe, DType, ModelInfo, ModelRef, Progress } from './types';

/** The slice of onnxruntime-web (or -node, in tests) the engine uses. */
export interface OrtApi {
  InferenceSession: { create(model: Uint8Array, options: Record<string, unknown>): Promise<SessionLike> };
  Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => OrtTensorLike;
}

export interface EngineDeps {
  ort: OrtApi;
  store: ModelStore;
  catalog: ShippedCatalog;
  online: () => boolean;
  probe: () => Promise<{ probe: BackendProbe; adapter: GpuAdapterLike | null }>;
  /** Hands the probed adapter to ONNX Runtime before the first WebGPU session. */
  useAdapter?: (adapter: GpuAdapterLike) => void;
  fetch?: typeof fetch;
  now?: () => number;
  yieldNow?: () => Promise<void>;
}

export interface JobContext {
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
}

interface Entry {
  model: LoadedModel;
  info: ModelInfo;
  key: string;
  /** Loads answered with this handle and not unloaded yet: the session is released when none is left. */
  users: number;
}

/** Everything decided before a session is created. */
interface LoadPlan {
  ref: ModelRef;
  files: ModelFiles;
  stem: string;
  exposeAttentions: boolean;
  backend: Backend;
  dtype: DType;
  reasons: Reason[];
  probe: BackendProbe;
  adapter: GpuAdapterLike | null;
  /** `ref|backend|dtype|stem[|attentions]`: one session per key. */
  key: string;
}

/** Throws `cancelled` if the job was cancelled. */
function check(ctx: JobContext): void {
  if (ctx.signal?.aborted) throw new RuntimeError('cancelled');
}

async function readRequired(files: ModelFiles, path: string, ctx: JobContext): Promise<Uint8Array> {
  const bytes = await files.read(path, ctx.progress, ctx.signal);
  check(ctx);
  if (!bytes) throw new RuntimeError('file-missing', { file: path });
  return bytes;
}

/** The attention Softmaxes `exposeAttentions` would add as outputs (0 for fused attention, or none). */
function countAttentionSoftmaxes(graph: Uint8Array): number {
  try {
    return findAttentionSoftmaxes(decodeModel(graph)).length;
  } catch {
    return 0; // validateOnnx read the header; a graph the surgery cannot decode offers no surgery
  }
}

/** `LoadOptions.exposeAttentions`: the graph with its attention Softmaxes added as outputs. */
function withAttentionOutputs(file: string, bytes: Uint8Array): Uint8Array {
  try {
    return exposeAttentions(bytes).bytes;
  } catch (e) {
    if (!(e instanceof AttentionSurgeryError)) throw e;
    if (e.kind === 'fused-attention') throw new RuntimeError('fused-attention', { ops: e.fusedOps.join(', ') }, e.message);
    if (e.kind === 'no-attention') throw new RuntimeError('no-attention', {}, e.message);
    throw new RuntimeError('onnx-corrupt', { file, detail: e.message });
  }
}

/**
 * The worker's model registry: resolves a ModelRef to its files (shipped, Hub cache, imported
 * folder), picks backend and dtype, creates ONNX Runtime sessions (one at a time, as ORT Web
 * needs), warms them up, and hands out handles. Session runs are serialised too.
 */
export class InferenceEngine {
  readonly #d: EngineDeps;
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, SharedJob<ModelInfo>>();
  readonly #inspections = new Map<string, { signature: string; result: ModelInspection }>();
  #probe: Promise<{ probe: BackendProbe; adapter: GpuAdapterLike | null }> | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #adapterGiven = false;
  #next = 1;

  constructor(deps: EngineDeps) {
    this.#d = deps;
  }

  /** Runs `fn` after every earlier queued job (ORT Web runs one session call at a time). */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.#queue.then(fn, fn);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  async probe(): Promise<BackendProbe> {
    return (await this.#probeOnce()).probe;
  }

  #probeOnce() {
    this.#probe ??= this.#d.probe();
    return this.#probe;
  }

  #files(ref: ModelRef): ModelFiles {
    return ref.source === 'shipped' ? this.#d.catalog.files(ref.id) : storedFiles(ref, this.#d.store);
  }

  /** Downloads what a Hub model needs for (backend, dtype) into the cache; no-op for other sources. */
  async #ensureHub(ref: ModelRef, opts: ResolvedLoadOptions, hubBaseUrl: string, backend: Backend, ctx: JobContext): Promise<void> {
    if (ref.source !== 'hub') return;
    const dtypes: DType[] = opts.dtype !== 'auto' ? [opts.dtype] : backend === 'wasm' ? ['q8', 'fp32'] : ['fp32', 'q8'];
    await ensureHubModel({
      ref,
      stem: opts.modelFile,
      dtypes,
      store: this.#d.store,
      baseUrl: hubBaseUrl,
      online: this.#d.online(),
      fetch: this.#d.fetch,
      onProgress: ctx.progress,
      signal: ctx.signal,
    });
  }

  async download(ref: ModelRef, opts: ResolvedLoadOptions, hubBaseUrl: string, ctx: JobContext): Promise<ModelInspection> {
    checkModelRef(ref);
    const { probe } = await this.#probeOnce();
    const { backend } = chooseBackend(opts.backend, probe);
    await this.#ensureHub(ref, opts, hubBaseUrl, backend, ctx);
    return this.inspect(ref);
  }

  async load(ref: ModelRef, opts: ResolvedLoadOptions, hubBaseUrl: string, ctx: JobContext): Promise<ModelInfo> {
    checkModelRef(ref);
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(opts.modelFile)) throw new RuntimeError('bad-input', { detail: `modelFile ${JSON.stringify(opts.modelFile)}` });
    const { probe, adapter } = await this.#probeOnce();
    const backendChoice = chooseBackend(opts.backend, probe);
    await this.#ensureHub(ref, opts, hubBaseUrl, backendChoice.backend, ctx);
    const files = this.#files(ref);
    const list = await files.list();
    if (!list) throw new RuntimeError('model-not-found', { model: formatModelRef(ref) });
    const dtypeChoice = chooseDtype(opts.dtype, backendChoice.backend, loadableDtypes(list.map((f) => f.path), opts.modelFile), opts.modelFile);
    const key = `${formatModelRef(ref)}|${backendChoice.backend}|${dtypeChoice.dtype}|${opts.modelFile}${opts.exposeAttentions ? '|attentions' : ''}`;
    const existing = [...this.#entries.values()].find((e) => e.key === key);
    if (existing) {
      existing.users++;
      return existing.info;
    }
    let job = this.#loading.get(key);
    if (!job || job.aborted) {
      const plan: LoadPlan = {
        ref,
        files,
        stem: opts.modelFile,
        exposeAttentions: opts.exposeAttentions === true,
        backend: backendChoice.backend,
        dtype: dtypeChoice.dtype,
        reasons: [backendChoice.reason, dtypeChoice.reason],
        probe,
        adapter,
        key,
      };
      // shared by every load of this key; cancelled when all of them are
      const created = new SharedJob<ModelInfo>((signal, progress) => this.#create(plan, { signal, progress }));
      this.#loading.set(key, created);
      created.promise.finally(() => this.#loading.get(key) === created && this.#loading.delete(key)).catch(() => undefined);
      job = created;
    }
    const info = await job.join(ctx.signal, ctx.progress);
    const entry = this.#entries.get(info.handle);
    if (entry) entry.users++;
    return info;
  }

  async #create(plan: LoadPlan, ctx: JobContext): Promise<ModelInfo> {
    const { files, stem, exposeAttentions, backend, dtype, adapter } = plan;
    const config = validateConfig(await readRequired(files, 'config.json', ctx));
    const tokenizerJson = validateTokenizer(await readRequired(files, 'tokenizer.json', ctx));
    const tokenizerConfig = validateTokenizerConfig(await files.read('tokenizer_config.json', ctx.progress, ctx.signal));
    check(ctx);
    const tokenizer = createTokenizer(tokenizerJson, tokenizerConfig);
    const file = onnxPath(stem, dtype);
    const read = await readRequired(files, file, ctx);
    const inputs = validateOnnx(file, read).inputs.map((i) => i.name);
    // refused before a session is made: the runtime could not feed it
    if (!textFeedable(inputs)) throw new RuntimeError('unsupported-inputs', { file, inputs: inputs.join(', ') || '—' });
    const bytes = exposeAttentions ? withAttentionOutputs(file, read) : read;
    check(ctx);
    if (backend === 'webgpu' && adapter && !this.#adapterGiven) {
      this.#d.useAdapter?.(adapter);
      this.#adapterGiven = true;
    }
    ctx.progress?.({ stage: 'session', done: 0, total: 1, file });
    const now = this.#d.now ?? (() => performance.now());
    const t0 = now();
    const raw = await this.#serial(() => {
      check(ctx); // cancelled while waiting for an earlier session call
      // logSeverityLevel 3: errors only (ORT's node-placement warnings would reach the console as errors)
      return this.#d.ort.InferenceSession.create(bytes, { executionProviders: [backend], graphOptimizationLevel: 'all', logSeverityLevel: 3 }).catch((e: unknown) => {
        throw mapSessionError(e, file, backend);
      });
    });
    const sessionMs = now() - t0;
    try {
      return await this.#register(plan, ctx, { raw, config, tokenizer, tokenizerConfig, file, sessionMs });
    } catch (e) {
      // cancelled or failed after the session was made: release it, keep nothing
      await this.#serial(() => raw.release()).catch(() => undefined);
      throw e;
    }
  }

  /** Wraps a created session as a LoadedModel, warms it up, and hands out its handle (unless cancelled meanwhile). */
  async #register(
    plan: LoadPlan,
    ctx: JobContext,
    made: { raw: SessionLike; config: Record<string, unknown>; tokenizer: ReturnType<typeof createTokenizer>; tokenizerConfig: Record<string, unknown>; file: string; sessionMs: number },
  ): Promise<ModelInfo> {
    const { ref, backend, dtype, reasons, probe, key } = plan;
    const { raw, config, tokenizer, tokenizerConfig, file, sessionMs } = made;
    check(ctx);
    const session: SessionLike = {
      inputNames: raw.inputNames,
      outputNames: raw.outputNames,
      run: (feeds, fetches) => this.#serial(() => raw.run(feeds, fetches)).catch((e: unknown) => Promise.reject(mapSessionError(e, file, backend))),
      release: () => raw.release(),
    };
    const capabilities = probeCapabilities(config, raw.outputNames, raw.inputNames);
    const maxLength = maxInputLength(config, tokenizerConfig);
    const model = new LoadedModel({
      session,
      tokenizer,
      file,
      makeTensor: (data, dims) => new this.#d.ort.Tensor('int64', data, dims),
      capabilities,
      maxLength,
      yieldNow: this.#d.yieldNow,
      now: this.#d.now,
    });
    ctx.progress?.({ stage: 'warmup', done: 0, total: 1, file });
    await model.run({ text: 'warm up' });
    check(ctx);
    ctx.progress?.({ stage: 'warmup', done: 1, total: 1, file });
    const threads = backend === 'wasm' ? probe.wasm.threads : 0;
    const reasonText = describeChoice(reasons, backend, probe.wasm.threads, probe.wasm.crossOriginIsolated);
    const handle = `m${this.#next++}`;
    const info: ModelInfo = {
      handle,
      ref: { source: ref.source, id: ref.id },
      backend,
      dtype,
      threads,
      reason: reasonText.en,
      reasonText,
      file,
      sessionMs,
      config,
      inputNames: [...raw.inputNames],
      outputNames: [...raw.outputNames],
      capabilities,
      maxLength,
    };
    this.#entries.set(handle, { model, info, key, users: 0 });
    return info;
  }

  /**
   * A model's files, dtypes and capabilities, read without creating a session. Remembered per model
   * until its file list changes (graph headers are read from whole files).
   */
  async inspect(ref: ModelRef): Promise<ModelInspection> {
    checkModelRef(ref);
    const files = this.#files(ref);
    const list = await files.list();
    const signature = JSON.stringify(list);
    const known = this.#inspections.get(formatModelRef(ref));
    if (known?.signature === signature) return known.result;
    const result = await this.#inspect(ref, files, list);
    if (result.available) this.#inspections.set(formatModelRef(ref), { signature, result });
    return result;
  }

  async #inspect(ref: ModelRef, files: ModelFiles, list: StoredFileInfo[] | null): Promise<ModelInspection> {
    if (!list) {
      if (ref.source === 'hub') {
        return { ref, available: false, files: [], totalBytes: 0, variants: [], config: {}, capabilities: probeCapabilities({}, []), outputs: {}, maxLength: 0 };
      }
      throw new RuntimeError('model-not-found', { model: formatModelRef(ref) });
    }
    const config = validateConfig(await readRequired(files, 'config.json', {}));
    const tokConfig = validateTokenizerConfig(await files.read('tokenizer_config.json'));
    const variants = onnxVariants(list.map((f) => f.path));
    const size = (p: string) => list.find((f) => f.path === p)?.size ?? Infinity;
    const outputs: Record<string, string[]> = {};
    const inputs: Record<string, string[]> = {};
    let attentionSoftmaxes: number | undefined;
    for (const stem of [...new Set(variants.filter((v) => v.dtype === 'fp32' || v.dtype === 'q8').map((v) => v.stem))]) {
      const smallest = variants.filter((v) => v.stem === stem && (v.dtype === 'fp32' || v.dtype === 'q8')).sort((a, b) => size(a.path) - size(b.path))[0]!;
      const bytes = await readRequired(files, smallest.path, {});
      const summary = validateOnnx(smallest.path, bytes);
      outputs[smallest.path] = summary.outputs.map((o) => o.name);
      inputs[smallest.path] = summary.inputs.map((i) => i.name);
      if (stem === 'model') attentionSoftmaxes = countAttentionSoftmaxes(bytes);
    }
    const stemOf = (p: string) => variants.find((v) => v.path === p)?.stem;
    const main = Object.keys(outputs).find((p) => stemOf(p) === 'model');
    const capabilities = probeCapabilities(config, main ? outputs[main]! : [], main ? inputs[main] : undefined, attentionSoftmaxes);
    const mlm = Object.keys(outputs).some((p) => stemOf(p) === 'model_mlm' && outputs[p]!.includes('logits') && textFeedable(inputs[p]!));
    if (mlm) capabilities.fillMask = true;
    return {
      ref,
      available: true,
      files: list,
      totalBytes: list.reduce((s, f) => s + f.size, 0),
      variants,
      config,
      capabilities,
      outputs,
      maxLength: maxInputLength(config, tokConfig),
    };
  }

  model(handle: string): LoadedModel {
    const e = this.#entries.get(handle);
    if (!e) throw new RuntimeError('unknown-handle', { handle });
    return e.model;
  }

  /** Ends one load's use of `handle`; the session is released when no load uses it any more. */
  async unload(handle: string): Promise<void> {
    const e = this.#entries.get(handle);
    if (!e) return;
    if (--e.users > 0) return;
    this.#entries.delete(handle);
    await this.#serial(() => e.model.release());
  }

  /** Handles of loaded models (for tests and the model manager). */
  loaded(): ModelInfo[] {
    return [...this.#entries.values()].map((e) => e.info);
  }
}
