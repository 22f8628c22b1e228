/**
 * Model load, cold and warm, per shipped model and dtype: the app's runtime (`runtime.load` in a
 * fresh inference worker) against transformers.js `pipeline(…)` creation in a fresh worker.
 * Cold: a new worker, and (under `npm run bench`) an emptied HTTP cache. Warm: the same worker
 * again after an unload, files in the HTTP cache.
 */
import { RuntimeClient } from '../../../lib/runtime/client.svelte';
import type { DType, ModelRef } from '../../../lib/runtime/types';
import { repeat } from '../core/repeat';
import { dtypeFile, SHIPPED_MODELS, shippedDtypes, unshippedDtypes } from '../core/shipped';
import { startPeerWorker } from '../spawn-workers';
import { describeError, missingModel, pick, SuiteRecorder, type Suite, type SuiteContext } from './context';

/** A runtime client on its own new inference worker (the app's singleton is left alone). */
export function freshRuntime(): { client: RuntimeClient; stop: () => void } {
  let worker: Worker | null = null;
  const client = new RuntimeClient({
    createWorker: () => (worker = new Worker(new URL('../../../lib/runtime/worker.ts', import.meta.url), { type: 'module', name: 'bench-inference' })) as never,
    storage: null,
  });
  return { client, stop: () => worker?.terminate() };
}

async function oursCold(ctx: SuiteContext, ref: ModelRef, dtype: DType, reps: number): Promise<{ samples: number[]; sessionMs: number[] }> {
  const sessionMs: number[] = [];
  const samples = await repeat(async () => {
    await ctx.clearHttpCache?.();
    const { client, stop } = freshRuntime();
    try {
      const t0 = performance.now();
      const info = await client.load(ref, { backend: 'wasm', dtype });
      const ms = performance.now() - t0;
      sessionMs.push(info.sessionMs);
      return ms;
    } finally {
      stop();
    }
  }, { warmup: 0, reps, signal: ctx.signal });
  return { samples, sessionMs };
}

async function oursWarm(ctx: SuiteContext, ref: ModelRef, dtype: DType, reps: number): Promise<number[]> {
  const { client, stop } = freshRuntime();
  try {
    let info = await client.load(ref, { backend: 'wasm', dtype });
    return await repeat(async () => {
      await client.unload(info.handle);
      const t0 = performance.now();
      info = await client.load(ref, { backend: 'wasm', dtype });
      return performance.now() - t0;
    }, { warmup: 0, reps, signal: ctx.signal });
  } finally {
    stop();
  }
}

async function peerLoads(ctx: SuiteContext, id: string, dtype: DType, coldReps: number, reps: number): Promise<{ cold: number[]; warm: number[] }> {
  const task = id === 'mini-bert-med-ner' ? 'token-classification' : 'feature-extraction';
  const cold = await repeat(async () => {
    await ctx.clearHttpCache?.();
    const peer = startPeerWorker(ctx.machine.wasmThreads);
    try {
      return await peer.call('pipelineLoad', { task, model: id, dtype });
    } finally {
      peer.terminate();
    }
  }, { warmup: 0, reps: coldReps, signal: ctx.signal });
  const peer = startPeerWorker(ctx.machine.wasmThreads);
  try {
    const warm = await repeat(() => peer.call('pipelineLoad', { task, model: id, dtype }), { warmup: 1, reps, signal: ctx.signal });
    return { cold, warm };
  } finally {
    peer.terminate();
  }
}

export const modelLoadSuite: Suite = {
  id: 'load',
  async run(ctx) {
    const rec = new SuiteRecorder('load', ctx.onProgress);
    // Each cold repetition starts a worker that compiles ONNX Runtime's WebAssembly anew: the costly part.
    const coldReps = pick(ctx, 2, 1);
    const reps = pick(ctx, 2, 1);
    const models = pick<readonly string[]>(ctx, SHIPPED_MODELS, ['mini-embed-zh-en']);
    if (!ctx.clearHttpCache) rec.note('cold loads ran with the HTTP cache as it was (only npm run bench can empty it): "cold" here means a new worker');
    rec.note('ours includes one warm-up inference (the runtime runs it before a model is ready); the peer pipeline runs none');
    for (const id of models) {
      const dtypes = shippedDtypes(ctx.manifest, id);
      if (dtypes.length === 0) {
        rec.skip(missingModel(id));
        continue;
      }
      for (const missing of unshippedDtypes(dtypes)) rec.skip(`${id} ${missing}: ${dtypeFile(missing)} is not shipped (only ${dtypes.map(dtypeFile).join(', ')}) — nothing to load`);
      const ref: ModelRef = { source: 'shipped', id };
      for (const dtype of dtypes) {
        ctx.onProgress?.(`load: ${id} ${dtype}`);
        const common = { unit: 'ms', better: 'lower' as const, backend: 'wasm' as const, threads: ctx.machine.wasmThreads, dtype, params: { model: id } };
        try {
          const cold = await oursCold(ctx, ref, dtype, coldReps);
          rec.add({ ...common, id: `${id}/${dtype}/cold/ours`, label: `${id} ${dtype} cold load: runtime.load`, role: 'ours', compare: `${id}/${dtype}/cold`, samples: cold.samples,
            params: { ...common.params, sessionMsMedian: Math.round(cold.sessionMs.sort((a, b) => a - b)[cold.sessionMs.length >> 1]!) } });
          rec.add({ ...common, id: `${id}/${dtype}/warm/ours`, label: `${id} ${dtype} warm load: runtime.load`, role: 'ours', compare: `${id}/${dtype}/warm`, samples: await oursWarm(ctx, ref, dtype, reps) });
        } catch (e) {
          rec.skip(`${id} ${dtype}: the runtime could not load it: ${describeError(e)}`);
          continue;
        }
        try {
          const peer = await peerLoads(ctx, id, dtype, coldReps, reps);
          rec.add({ ...common, id: `${id}/${dtype}/cold/peer`, label: `${id} ${dtype} cold load: transformers.js pipeline`, role: 'peer', compare: `${id}/${dtype}/cold`, samples: peer.cold });
          rec.add({ ...common, id: `${id}/${dtype}/warm/peer`, label: `${id} ${dtype} warm load: transformers.js pipeline`, role: 'peer', compare: `${id}/${dtype}/warm`, samples: peer.warm });
        } catch (e) {
          rec.skip(`${id} ${dtype}: transformers.js pipeline failed: ${describeError(e)}`);
        }
      }
    }
    return rec.result();
  },
};
