/**
 * The public types of the runtime client (the contract in docs/ARCHITECTURE.md → "Runtime worker").
 * Shared by the client, the worker and every lab; no runtime code here.
 */

export type Backend = 'wasm' | 'webgpu';
export type DType = 'fp32' | 'q8';
export type ModelSource = 'shipped' | 'hub' | 'local';

/** shipped: `mini-bert-zh-en`; hub: `Xenova/bert-base-NER`; local: the name of an imported folder. */
export interface ModelRef {
  source: ModelSource;
  id: string;
}

export interface LoadOptions {
  backend?: Backend | 'auto';
  dtype?: DType | 'auto';
  /** ONNX file stem, default `model`; e.g. `model_mlm` for fill-mask. */
  modelFile?: string;
  /**
   * Add the attention probabilities as outputs `attentions.<layer>` by editing the ONNX graph before the
   * session is created (src/lib/onnx/expose-attentions.ts); a graph that has them already is used as is.
   * Fails with `fused-attention` or `no-attention` when there is no attention Softmax to expose.
   * (An addition to the contract, for the Attention lab.)
   */
  exposeAttentions?: boolean;
  /**
   * Cancels this caller's wait: the call rejects `cancelled` at once. The load itself (downloads, file
   * reads, session creation) stops when no other caller waits for the same load; what it had made is
   * released and nothing is cached. (An addition to the contract.)
   */
  signal?: AbortSignal;
}

export type TensorType = 'float32' | 'int64' | 'int32' | 'bool';

export interface TensorData {
  dims: number[];
  type: TensorType;
  data: Float32Array | BigInt64Array | Int32Array | Uint8Array;
}

export interface Capabilities {
  featureExtraction: boolean;
  fillMask: boolean;
  tokenClassification: boolean;
  /** The graph outputs `attentions.*`. */
  attentions: boolean;
  /**
   * From `inspect` (which reads the graph's nodes): how many attention Softmaxes (Q·Kᵀ → Softmax → ·V)
   * the graph has, i.e. the layers whose attention `LoadOptions.exposeAttentions` can add as outputs by
   * graph surgery. 0 for a fused-attention graph (no Softmax visible) or one without attention.
   */
  attentionSoftmaxes?: number;
  labels?: Record<number, string>;
  hiddenSize?: number;
  numLayers?: number;
  numHeads?: number;
  /**
   * Present when the runtime cannot feed the graph (it builds `input_ids`, `attention_mask` and
   * `token_type_ids` from text): the graph's inputs, as it names them. Such a model serves no task.
   */
  unsupportedInputs?: string[];
}

/** A sentence in both UI languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface ModelInfo {
  handle: string;
  ref: ModelRef;
  backend: Backend;
  dtype: DType;
  threads: number;
  /** Why this backend and dtype, in English (see `reasonText` for both languages). */
  reason: string;
  reasonText: Bilingual;
  /** The ONNX file that was loaded, e.g. `onnx/model_quantized.onnx`. */
  file: string;
  /** Milliseconds spent creating the session (after the files were read). */
  sessionMs: number;
  config: Record<string, unknown>;
  inputNames: string[];
  outputNames: string[];
  capabilities: Capabilities;
  maxLength: number;
}

export interface Encoded {
  inputIds: number[];
  tokenTypeIds: number[];
  /** Vocabulary strings, e.g. `[CLS]`, `##ing`. */
  tokens: string[];
}

export interface Progress {
  done: number;
  total: number;
  /** Units per second (bytes/s while downloading or reading, texts/s while embedding). */
  rate?: number;
  etaMs?: number;
  bytes?: number;
  file?: string;
  /** `download` · `read` · `session` · `warmup` · `embed` · `bench`. */
  stage?: string;
}

export type ProgressCallback = (progress: Progress) => void;

export type TextInputs = { text: string; textPair?: string };
export type IdInputs = { inputIds: number[][]; attentionMask: number[][]; tokenTypeIds?: number[][] };
export type RunInputs = TextInputs | IdInputs;

export interface RunOptions {
  outputs?: string[];
  signal?: AbortSignal;
}

export type Pooling = 'mean' | 'cls';

export interface EmbedOptions {
  batchSize?: number;
  pooling?: Pooling;
  normalize?: boolean;
  maxLength?: number;
  signal?: AbortSignal;
  /**
   * `false` keeps a long list in the main worker instead of the embed pool's one-thread replicas
   * (`RuntimeClient.embed`); the vectors are the same either way.
   */
  parallel?: boolean;
}

export interface TokenizeOptions {
  maxLength?: number;
  truncation?: boolean;
}

export interface FillMaskPrediction {
  token: string;
  tokenId: number;
  score: number;
  sequence: string;
}

export interface BackendProbe {
  webgpu: { available: boolean; fallbackAdapter?: boolean; reason: string };
  wasm: { simd: boolean; threads: number; crossOriginIsolated: boolean };
}

export type WorkerState = 'starting' | 'ready' | 'busy' | 'crashed' | 'restarting';

export interface RuntimeSettingsValue {
  backend: 'auto' | Backend;
  dtype: 'auto' | DType;
}

/** Options of `runtime.benchmark` (an addition to the contract, used by the model manager). */
export interface BenchmarkOptions {
  text: string;
  runs: number;
  warmup?: number;
  signal?: AbortSignal;
}

export interface BenchmarkResult {
  /** Wall time of each timed `session.run`, in milliseconds, in run order. */
  latenciesMs: number[];
  /** Tokens in the input (with special tokens). */
  tokens: number;
}
