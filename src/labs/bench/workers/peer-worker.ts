/// <reference lib="webworker" />
/**
 * The model benchmarks that must not go through the app's inference worker: the peers
 * (transformers.js pipelines called the plain way, one text per call), the peak of one large
 * MatMul in ONNX Runtime Web, and the runtime's own engine at a chosen thread count. The thread
 * count is fixed when the worker starts (ONNX Runtime reads it once): the worker's name is
 * `bench-peer:<threads>`.
 */
import { env, pipeline } from '@huggingface/transformers';
import * as ort from 'onnxruntime-web/webgpu';
import { currentEnvironment, probeBackends } from '../../../lib/runtime/backend-probe';
import { InferenceEngine, type OrtApi } from '../../../lib/runtime/engine';
import { ShippedCatalog } from '../../../lib/runtime/model-sources';
import { ModelStore } from '../../../lib/runtime/model-store';
import { MODELS_BASE, ORT_WASM_BASE } from '../../../lib/runtime/paths';
import type { DType } from '../../../lib/runtime/types';
import { matmulInput, matmulModel } from '../core/matmul-model';
import { repeat } from '../core/repeat';
import { serve } from './rpc';

declare const self: DedicatedWorkerGlobalScope;

const threads = Math.max(1, Number(/^bench-peer:(\d+)$/.exec(self.name)?.[1] ?? 1));

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = MODELS_BASE;
env.useBrowserCache = false;
const wasmEnv = env.backends.onnx.wasm ?? ort.env.wasm;
wasmEnv.wasmPaths = ORT_WASM_BASE;
wasmEnv.numThreads = threads;
wasmEnv.proxy = false;

type Task = 'feature-extraction' | 'token-classification';
type Pipe = ((text: string, opts?: Record<string, unknown>) => Promise<unknown>) & { dispose(): Promise<void> };

const pipes = new Map<string, Promise<Pipe>>();

function getPipe(task: Task, model: string, dtype: DType): Promise<Pipe> {
  const key = `${task}|${model}|${dtype}`;
  let p = pipes.get(key);
  if (!p) {
    p = pipeline(task, model, { dtype, device: 'wasm', local_files_only: true }) as unknown as Promise<Pipe>;
    pipes.set(key, p);
    p.catch(() => pipes.delete(key));
  }
  return p;
}

let engine: InferenceEngine | null = null;
const engineHandles = new Map<string, string>();

async function engineHandle(model: string, dtype: DType): Promise<{ engine: InferenceEngine; handle: string }> {
  engine ??= new InferenceEngine({
    ort: ort as unknown as OrtApi,
    store: new ModelStore(),
    catalog: new ShippedCatalog(new URL(MODELS_BASE, self.location.href).href, fetch.bind(self)),
    online: () => navigator.onLine,
    probe: () => probeBackends(currentEnvironment()),
  });
  const key = `${model}|${dtype}`;
  let handle = engineHandles.get(key);
  if (!handle) {
    handle = (await engine.load({ source: 'shipped', id: model }, { backend: 'wasm', dtype, modelFile: 'model' }, '', {})).handle;
    engineHandles.set(key, handle);
  }
  return { engine, handle };
}

interface Reps {
  warmup: number;
  reps: number;
}

const handlers = {
  info: () => ({ threads, crossOriginIsolated: self.crossOriginIsolated === true }),

  /** Milliseconds per `Y = A·B` of size × size matrices (inputs made once, outside the timing). */
  matmul: async (a: { size: number } & Reps) => {
    const n = a.size;
    const session = await ort.InferenceSession.create(matmulModel(n, n, n), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const feeds = { A: new ort.Tensor('float32', matmulInput(n * n, 1), [n, n]), B: new ort.Tensor('float32', matmulInput(n * n, 2), [n, n]) };
    try {
      return await repeat(async () => {
        const t0 = performance.now();
        const out = await session.run(feeds);
        const ms = performance.now() - t0;
        out.Y?.dispose();
        return ms;
      }, a);
    } finally {
      await session.release();
    }
  },

  /** Creating a transformers.js pipeline (files fetched, tokenizer built, session created); disposed after. */
  pipelineLoad: async (a: { task: Task; model: string; dtype: DType }) => {
    const t0 = performance.now();
    const pipe = (await pipeline(a.task, a.model, { dtype: a.dtype, device: 'wasm', local_files_only: true })) as unknown as Pipe;
    const ms = performance.now() - t0;
    await pipe.dispose();
    return ms;
  },

  /** The naive way: `extractor(text)` once per text, mean pooling, normalised. Milliseconds per pass. */
  pipelineEmbed: async (a: { model: string; dtype: DType; texts: string[] } & Reps) => {
    const extractor = await getPipe('feature-extraction', a.model, a.dtype);
    return repeat(async () => {
      for (const text of a.texts) await extractor(text, { pooling: 'mean', normalize: true });
    }, a);
  },

  /** transformers.js token classification, one sentence per call. Milliseconds per pass. */
  pipelineNer: async (a: { model: string; dtype: DType; texts: string[] } & Reps) => {
    const ner = await getPipe('token-classification', a.model, a.dtype);
    return repeat(async () => {
      for (const text of a.texts) await ner(text);
    }, a);
  },

  /** The runtime's own embed (`LoadedModel.embed`, batched) in this worker, at this worker's thread count. */
  engineEmbed: async (a: { model: string; dtype: DType; texts: string[]; batchSize: number } & Reps) => {
    const { engine: e, handle } = await engineHandle(a.model, a.dtype);
    return repeat(async () => {
      await e.model(handle).embed(a.texts, { batchSize: a.batchSize, pooling: 'mean', normalize: true });
    }, a);
  },
};

export type PeerHandlers = typeof handlers;

serve(self, handlers);
