/**
 * The messages between the runtime client (UI thread) and the inference worker. Every command
 * carries an `id`; the worker answers with `progress` events and exactly one `result` or `error`
 * with that id. `cancel` asks the worker to stop job `id` at its next batch boundary. `fatal` means
 * the worker's WebAssembly state is broken (OOM, abort): the client restarts the worker.
 */
import type { SerializedRuntimeError } from './errors';
import type { OnnxVariant } from './onnx-variants';
import type {
  BackendProbe,
  BenchmarkResult,
  Capabilities,
  DType,
  Backend,
  Encoded,
  FillMaskPrediction,
  ModelInfo,
  ModelRef,
  Pooling,
  Progress,
  RunInputs,
  TensorData,
  TokenizeOptions,
} from './types';

/** A model's files and what it can do, read without creating a session (the model manager's cards). */
export interface ModelInspection {
  ref: ModelRef;
  /** false for a Hub model that has not been downloaded yet (then only `ref` is meaningful). */
  available: boolean;
  files: { path: string; size: number }[];
  totalBytes: number;
  variants: OnnxVariant[];
  config: Record<string, unknown>;
  /** Of the `model` graph (fill-mask also when a `model_mlm` graph exists). */
  capabilities: Capabilities;
  /** Output names of each graph, by path. */
  outputs: Record<string, string[]>;
  maxLength: number;
}

export interface ResolvedLoadOptions {
  backend: Backend | 'auto';
  dtype: DType | 'auto';
  modelFile: string;
  /** See `LoadOptions.exposeAttentions`. */
  exposeAttentions?: boolean;
}

/** Each request: its arguments and the result it resolves with. */
export interface Requests {
  probe: { args: Record<string, never>; result: BackendProbe };
  load: { args: { ref: ModelRef; opts: ResolvedLoadOptions; hubBaseUrl: string }; result: ModelInfo };
  download: { args: { ref: ModelRef; opts: ResolvedLoadOptions; hubBaseUrl: string }; result: ModelInspection };
  inspect: { args: { ref: ModelRef }; result: ModelInspection };
  unload: { args: { handle: string }; result: null };
  tokenize: { args: { handle: string; text: string; textPair?: string; opts?: TokenizeOptions }; result: Encoded };
  run: { args: { handle: string; inputs: RunInputs; outputs?: string[] }; result: Record<string, TensorData> };
  embed: {
    args: { handle: string; texts: string[]; opts: { batchSize?: number; pooling?: Pooling; normalize?: boolean; maxLength?: number } };
    result: Float32Array;
  };
  fillMask: { args: { handle: string; text: string; topK: number }; result: FillMaskPrediction[] };
  benchmark: { args: { handle: string; text: string; runs: number; warmup: number }; result: BenchmarkResult };
}

export type RequestType = keyof Requests;

export type Command = { [K in RequestType]: { type: K; id: number } & Requests[K]['args'] }[RequestType];

export type ToWorker =
  | Command
  | { type: 'cancel'; id: number }
  /** Test hook (debug builds or `?debug=1`): make the worker die the way a wasm abort would. */
  | { type: 'crash-for-test' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'result'; id: number; result: Requests[RequestType]['result'] }
  | { type: 'error'; id: number; error: SerializedRuntimeError }
  | { type: 'fatal'; error: SerializedRuntimeError };
