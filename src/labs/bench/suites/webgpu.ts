/**
 * The same model and weights (`mini-embed-zh-en`, or another shipped model where only it has fp32) on WebAssembly and on WebGPU, through the
 * runtime: load time and embedding throughput. Where the only adapter is a software fallback
 * (SwiftShader in headless Chromium), the figures are labelled so: they say nothing about a GPU.
 */
import type { Backend } from '../../../lib/runtime/types';
import { withDeadline } from '../core/deadline';
import { perSecond, repeat } from '../core/repeat';
import { backendSubject } from '../core/shipped';
import { describeError, loadTexts, missingModel, pick, SuiteRecorder, type Suite } from './context';
import { freshRuntime } from './model-load';

const PREFERRED = 'mini-embed-zh-en';
/** A software adapter on a busy machine can take minutes: past these limits the backend is reported as not measured (its worker is ended). */
const LOAD_LIMIT_MS = 180_000;
const EMBED_LIMIT_MS = 300_000;

export const webgpuSuite: Suite = {
  id: 'webgpu',
  async run(ctx) {
    const rec = new SuiteRecorder('webgpu', ctx.onProgress);
    const gpu = ctx.machine.webgpu;
    if (!gpu.available) {
      rec.skip(`WebGPU: not available in this browser (${gpu.adapter || 'no adapter'})`);
      return rec.result();
    }
    const subject = backendSubject(ctx.manifest, PREFERRED);
    if (!subject) {
      rec.skip(missingModel(PREFERRED));
      return rec.result();
    }
    const { model, dtype } = subject;
    if (dtype === 'q8') rec.note('no shipped model has fp32 weights (onnx/model.onnx): int8 instead — under WebGPU, ONNX Runtime runs its integer MatMuls on the CPU, so this compares mostly the rest of the graph');
    else if (model !== PREFERRED) rec.note(`${PREFERRED} ships no fp32 weights: ${model} fp32 instead (its encoder, mean-pooled)`);
    const adapter = gpu.fallbackAdapter ? `software fallback adapter (${gpu.adapter}), not a GPU` : gpu.adapter;
    rec.note(`WebGPU adapter: ${adapter}`);
    // A software adapter embeds a passage in seconds (0.13 passages/s on 2 busy cores): two passages there
    const texts = (await loadTexts()).chunks.slice(0, gpu.fallbackAdapter ? 2 : pick(ctx, 64, 4));
    const reps = gpu.fallbackAdapter ? pick(ctx, 2, 1) : pick(ctx, 3, 1);
    for (const backend of ['wasm', 'webgpu'] as Backend[]) {
      const { client, stop } = freshRuntime();
      const role = backend === 'wasm' ? 'ours' : 'peer';
      const label = backend === 'wasm' ? 'WebAssembly' : gpu.fallbackAdapter ? 'WebGPU (software adapter)' : 'WebGPU';
      try {
        ctx.onProgress?.(`webgpu: ${backend} load`);
        const t0 = performance.now();
        const info = await withDeadline(client.load({ source: 'shipped', id: model }, { backend, dtype }), LOAD_LIMIT_MS, `${label} load`);
        const loadMs = performance.now() - t0;
        const common = { backend, dtype, threads: backend === 'wasm' ? info.threads : undefined, params: { adapter: backend === 'webgpu' ? adapter : 'cpu' } };
        rec.add({ ...common, id: `load/${backend}`, label: `${model} load on ${label}`, unit: 'ms', better: 'lower', role, compare: 'load', samples: [loadMs] });
        ctx.onProgress?.(`webgpu: ${backend} embed`);
        const ms = await withDeadline(repeat(async () => void (await client.embed(info.handle, texts, { batchSize: 32 })), { warmup: 1, reps, signal: ctx.signal }), EMBED_LIMIT_MS, `${label} embedding`);
        rec.add({ ...common, id: `embed/${backend}`, label: `${model} embed ${texts.length} passages on ${label}`, unit: 'texts/s', better: 'higher', role, compare: 'embed', samples: ms.map((t) => perSecond(texts.length, t)) });
      } catch (e) {
        rec.skip(`${label}: ${describeError(e)}`);
      } finally {
        stop();
      }
    }
    return rec.result();
  },
};
