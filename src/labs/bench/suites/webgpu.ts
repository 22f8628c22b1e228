/**
 * The same model and weights (`mini-embed-zh-en`, fp32 where shipped) on WebAssembly and on WebGPU, through the
 * runtime: load time and embedding throughput. Where the only adapter is a software fallback
 * (SwiftShader in headless Chromium), the figures are labelled so: they say nothing about a GPU.
 */
import type { Backend, DType } from '../../../lib/runtime/types';
import { perSecond, repeat } from '../core/repeat';
import { describeError, loadTexts, missingModel, pick, shippedDtypes, SuiteRecorder, type Suite } from './context';
import { freshRuntime } from './model-load';

const MODEL = 'mini-embed-zh-en';

export const webgpuSuite: Suite = {
  id: 'webgpu',
  async run(ctx) {
    const rec = new SuiteRecorder('webgpu', ctx.onProgress);
    const gpu = ctx.machine.webgpu;
    if (!gpu.available) {
      rec.skip(`WebGPU: not available in this browser (${gpu.adapter || 'no adapter'})`);
      return rec.result();
    }
    const dtypes = shippedDtypes(ctx.manifest, MODEL);
    if (dtypes.length === 0) {
      rec.skip(missingModel(MODEL));
      return rec.result();
    }
    // fp32 where shipped (WebGPU's own kernels); otherwise int8, whose integer MatMuls ONNX Runtime runs on the CPU under WebGPU
    const dtype: DType = dtypes.includes('fp32') ? 'fp32' : 'q8';
    if (dtype === 'q8') rec.note('only int8 weights are shipped: under WebGPU, ONNX Runtime runs their integer MatMuls on the CPU, so this compares mostly the rest of the graph');
    const adapter = gpu.fallbackAdapter ? `software fallback adapter (${gpu.adapter}), not a GPU` : gpu.adapter;
    rec.note(`WebGPU adapter: ${adapter}`);
    const texts = (await loadTexts()).chunks.slice(0, pick(ctx, 64, 4));
    const reps = pick(ctx, 3, 1);
    for (const backend of ['wasm', 'webgpu'] as Backend[]) {
      const { client, stop } = freshRuntime();
      const role = backend === 'wasm' ? 'ours' : 'peer';
      const label = backend === 'wasm' ? 'WebAssembly' : gpu.fallbackAdapter ? 'WebGPU (software adapter)' : 'WebGPU';
      try {
        ctx.onProgress?.(`webgpu: ${backend} load`);
        const t0 = performance.now();
        const info = await client.load({ source: 'shipped', id: MODEL }, { backend, dtype });
        const loadMs = performance.now() - t0;
        const common = { backend, dtype, threads: backend === 'wasm' ? info.threads : undefined, params: { adapter: backend === 'webgpu' ? adapter : 'cpu' } };
        rec.add({ ...common, id: `load/${backend}`, label: `${MODEL} load on ${label}`, unit: 'ms', better: 'lower', role, compare: 'load', samples: [loadMs] });
        ctx.onProgress?.(`webgpu: ${backend} embed`);
        const ms = await repeat(() => client.embed(info.handle, texts, { batchSize: 32 }), { warmup: 1, reps, signal: ctx.signal });
        rec.add({ ...common, id: `embed/${backend}`, label: `${MODEL} embed ${texts.length} passages on ${label}`, unit: 'texts/s', better: 'higher', role, compare: 'embed', samples: ms.map((t) => perSecond(texts.length, t)) });
      } catch (e) {
        rec.skip(`${label}: ${describeError(e)}`);
      } finally {
        stop();
      }
    }
    return rec.result();
  },
};
