/// <reference lib="webworker" />
/**
 * The inference worker: the only place models run. It speaks the protocol in `protocol.ts`
 * (commands in, `progress`/`result`/`error` out, matched by id) and keeps the loaded models.
 */
import { env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-web/webgpu';
import { probeBackends, currentEnvironment } from './backend-probe';
import { replicaThreads, wasmThreads } from './backend-choice';
import { InferenceEngine, type OrtApi } from './engine';
import { asRuntimeError, RuntimeError } from './errors';
import { ShippedCatalog } from './model-sources';
import { ModelStore } from './model-store';
import { MODELS_BASE, ORT_WASM_BASE } from './paths';
import type { Command, FromWorker, RequestType, Requests, ToWorker } from './protocol';
import { isFatalWasmError } from './session-errors';
import { transferablesOf } from './tensor-data';
import type { Progress } from './types';

declare const self: DedicatedWorkerGlobalScope;

// transformers.js and onnxruntime-web share one `env.wasm` object: ORT's files from our origin,
// never a CDN; models only from our origin, never fetched by transformers.js itself.
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = MODELS_BASE;
env.useBrowserCache = false;
const wasmEnv = env.backends.onnx.wasm ?? ort.env.wasm;
wasmEnv.wasmPaths = ORT_WASM_BASE;
// an embed-pool replica is named `…:1t` and runs one thread (see embed-pool.ts)
const threads = replicaThreads(self.name) ?? wasmThreads(self.crossOriginIsolated, navigator.hardwareConcurrency);
wasmEnv.numThreads = threads;
wasmEnv.proxy = false;

const engine = new InferenceEngine({
  ort: ort as unknown as OrtApi,
  store: new ModelStore(),
  catalog: new ShippedCatalog(new URL(MODELS_BASE, self.location.href).href, fetch.bind(self)),
  online: () => navigator.onLine,
  probe: () => probeBackends({ ...currentEnvironment(), threads }),
  useAdapter: (adapter) => {
    ort.env.webgpu.adapter = adapter as never;
  },
});

const jobs = new Map<number, AbortController>();

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

type Handler<K extends RequestType> = (args: Extract<Command, { type: K }>, signal: AbortSignal, progress: (p: Progress) => void) => Promise<Requests[K]['result']>;

const handlers: { [K in RequestType]: Handler<K> } = {
  probe: () => engine.probe(),
  load: (c, signal, progress) => engine.load(c.ref, c.opts, c.hubBaseUrl, { signal, progress }),
  download: (c, signal, progress) => engine.download(c.ref, c.opts, c.hubBaseUrl, { signal, progress }),
  inspect: (c) => engine.inspect(c.ref),
  unload: async (c) => {
    await engine.unload(c.handle);
    return null;
  },
  tokenize: async (c) => engine.model(c.handle).tokenize(c.text, c.textPair, c.opts),
  run: (c, signal) => engine.model(c.handle).run(c.inputs, c.outputs, signal),
  embed: (c, signal, progress) => engine.model(c.handle).embed(c.texts, c.opts, progress, signal),
  fillMask: (c) => engine.model(c.handle).fillMask(c.text, c.topK),
  benchmark: (c, signal, progress) => engine.model(c.handle).benchmark(c.text, c.runs, c.warmup, progress, signal),
};

function transfers(result: unknown): Transferable[] {
  if (result instanceof Float32Array) return [result.buffer as ArrayBuffer];
  if (result && typeof result === 'object' && !Array.isArray(result)) {
    const values = Object.values(result);
    if (values.length > 0 && values.every((v) => v && typeof v === 'object' && 'dims' in v && 'data' in v)) return transferablesOf(values);
  }
  return [];
}

async function execute(cmd: Command): Promise<void> {
  const ac = new AbortController();
  jobs.set(cmd.id, ac);
  const progress = (p: Progress) => post({ type: 'progress', id: cmd.id, progress: p });
  try {
    const handler = handlers[cmd.type] as Handler<typeof cmd.type>;
    const result = await handler(cmd as never, ac.signal, progress);
    post({ type: 'result', id: cmd.id, result }, transfers(result));
  } catch (e) {
    const err = ac.signal.aborted ? new RuntimeError('cancelled') : asRuntimeError(e);
    if (isFatalWasmError(e) || isFatalWasmError(err.detail)) {
      post({ type: 'fatal', error: err.toJSON() });
      self.close();
      return;
    }
    post({ type: 'error', id: cmd.id, error: err.toJSON() });
  } finally {
    jobs.delete(cmd.id);
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'cancel') jobs.get(msg.id)?.abort();
  else if (msg.type === 'crash-for-test') {
    setTimeout(() => {
      throw new Error('worker crash requested by a test (__killWorkerForTest)');
    });
  } else void execute(msg);
};

post({ type: 'ready' });
