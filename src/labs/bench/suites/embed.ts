/**
 * Embedding throughput of `mini-embed-zh-en` on WebAssembly over real MedQuAD passages (60–120
 * tokens): the runtime's batched worker path (`runtime.embed`) against transformers.js
 * `pipeline('feature-extraction')` called once per text; the FLOP rate this reaches against the
 * peak of one large MatMul in ONNX Runtime Web; and 1 against 2 threads.
 */
import { runtime } from '../../../lib/runtime';
import type { DType } from '../../../lib/runtime/types';
import { encoderFlops, encoderShape, matmulFlops } from '../core/flops';
import { perSecond, repeat } from '../core/repeat';
import { shippedDtypes } from '../core/shipped';
import { startPeerWorker } from '../spawn-workers';
import { describeError, loadTexts, missingModel, pick, SuiteRecorder, type Suite, type SuiteContext } from './context';

const MODEL = 'mini-embed-zh-en';
/**
 * Texts per model call: 16, as the vector lab embeds collections (`embed-job.ts`); in a probe on this
 * 2-core machine batches of 4–16 beat 32 (smaller activations stay in cache). The quick run's 16 texts
 * in batches of 8 still go through the embed pool.
 */
const BATCH_FULL = 16;
const BATCH_QUICK = 8;

type Peer = ReturnType<typeof startPeerWorker>;

async function matmulPeak(rec: SuiteRecorder, ctx: SuiteContext, peer: Peer, threads: number): Promise<void> {
  const size = pick(ctx, 1024, 256);
  ctx.onProgress?.(`embed: MatMul ${size}³ peak, ${threads} thread(s)`);
  const ms = await peer.call('matmul', { size, warmup: 1, reps: pick(ctx, 5, 1) });
  const flops = matmulFlops(size, size, size);
  const main = threads === ctx.machine.wasmThreads;
  rec.add({
    id: `matmul-peak/${threads}t`, label: `MatMul ${size}×${size}×${size} fp32 in ORT-web (peak)`, unit: 'GFLOP/s', better: 'higher',
    role: main ? 'peer' : 'info', ...(main ? { compare: 'utilisation', note: 'its speed-up column is the share of this peak the model reaches' } : {}),
    backend: 'wasm', threads, dtype: 'fp32', samples: ms.map((t) => flops / t / 1e6), params: { size },
  });
}

export const embedSuite: Suite = {
  id: 'embed',
  async run(ctx) {
    const rec = new SuiteRecorder('embed', ctx.onProgress);
    const threads = ctx.machine.wasmThreads;
    const threadCounts = ctx.machine.crossOriginIsolated && ctx.machine.cores >= 2 ? [1, 2] : [threads];
    if (threadCounts.length === 1) rec.skip('threads 1 vs 2: the page is not cross-origin isolated or has one core');
    const dtypes = shippedDtypes(ctx.manifest, MODEL);
    if (dtypes.length === 0) {
      rec.skip(missingModel(MODEL));
      for (const n of threadCounts) {
        const peer = startPeerWorker(n);
        try {
          await matmulPeak(rec, ctx, peer, n);
        } finally {
          peer.terminate();
        }
      }
      return rec.result();
    }
    const { chunks, questions } = await loadTexts();
    // 64 passages (and 128 short questions) × (1 + 3) passes × the paths: about two minutes of the ten-minute run on 2 cores
    const texts = chunks.slice(0, pick(ctx, 64, 16));
    const BATCH = pick(ctx, BATCH_FULL, BATCH_QUICK);
    const reps = pick(ctx, 3, 1);
    const warmup = pick(ctx, 1, 0);

    ctx.onProgress?.('embed: loading the model in the app runtime');
    const info = await runtime.load({ source: 'shipped', id: MODEL }, { backend: 'wasm' });
    const dtype: DType = info.dtype;
    const lengths = await Promise.all(texts.map(async (t) => (await runtime.tokenize(info.handle, t)).inputIds.length));
    const tokens = lengths.reduce((a, b) => a + b, 0);
    const flops = encoderFlops(encoderShape(info.config), lengths);
    rec.note(`${texts.length} MedQuAD passages, ${Math.min(...lengths)}–${Math.max(...lengths)} tokens (${tokens} in all); ${(flops / texts.length / 1e9).toFixed(2)} GFLOP per text`);
    const base = { backend: 'wasm' as const, dtype, params: { texts: texts.length, tokens } };

    const pool = texts.length > BATCH ? runtime.embedPool : null;
    if (pool) {
      // the replicas load the model on the first pooled call, and each replica's WebAssembly is tiered up
      // (Liftoff → TurboFan) by its own first calls: neither is part of the throughput. The peers get as much:
      // the per-text pipeline warms up on its own 64 calls per pass
      ctx.onProgress?.(`embed: ${pool.size} one-thread replicas load the model and warm up`);
      for (let i = 0; i < pick(ctx, 6, 1); i++) await runtime.embed(info.handle, texts, { batchSize: BATCH });
    }
    ctx.onProgress?.('embed: runtime.embed (batched)');
    const ours = await repeat(async () => void (await runtime.embed(info.handle, texts, { batchSize: BATCH, pooling: 'mean', normalize: true })), { warmup, reps, signal: ctx.signal });
    const where = pool ? `${pool.size} one-thread replica workers side by side` : 'inference worker';
    rec.add({ ...base, id: 'throughput/ours', label: `runtime.embed, batches of ${BATCH} (${where})`, unit: 'texts/s', better: 'higher', role: 'ours', compare: 'throughput', threads: pool ? pool.size : info.threads, samples: ours.map((ms) => perSecond(texts.length, ms)),
      note: pool ? 'the lab\'s path for lists longer than one batch: a copy of the model per core, one WebAssembly thread each' : undefined });
    if (pool) {
      ctx.onProgress?.('embed: runtime.embed in the main worker alone');
      const single = await repeat(async () => void (await runtime.embed(info.handle, texts, { batchSize: BATCH, parallel: false })), { warmup: pick(ctx, 4, 0), reps, signal: ctx.signal });
      rec.add({ ...base, id: 'throughput/main-worker', label: `runtime.embed, batches of ${BATCH}, main inference worker only (parallel: false)`, unit: 'texts/s', better: 'higher', role: 'info', threads: info.threads, samples: single.map((ms) => perSecond(texts.length, ms)) });
    }
    // short chunks (sentence chunking, questions, glosses): here batching saves the most per call
    const short = questions.slice(0, pick(ctx, 128, 16));
    const shortLengths = await Promise.all(short.map(async (t) => (await runtime.tokenize(info.handle, t)).inputIds.length));
    const shortTokens = shortLengths.reduce((a, b) => a + b, 0);
    rec.note(`${short.length} MedQuAD questions, ${Math.min(...shortLengths)}–${Math.max(...shortLengths)} tokens (${shortTokens} in all): the short-chunk rows`);
    const shortBase = { backend: 'wasm' as const, dtype, params: { texts: short.length, tokens: shortTokens } };
    ctx.onProgress?.('embed: runtime.embed on short texts');
    await runtime.embed(info.handle, short, { batchSize: BATCH });
    const oursShort = await repeat(async () => void (await runtime.embed(info.handle, short, { batchSize: BATCH })), { warmup, reps, signal: ctx.signal });
    rec.add({ ...shortBase, id: 'short/ours', label: `questions: runtime.embed, batches of ${BATCH} (${where})`, unit: 'texts/s', better: 'higher', role: 'ours', compare: 'throughput-short', threads: pool ? pool.size : info.threads, samples: oursShort.map((ms) => perSecond(short.length, ms)) });
    rec.add({ ...base, id: 'gflops/ours', label: 'runtime.embed achieved model FLOP rate', unit: 'GFLOP/s', better: 'higher', role: 'ours', compare: 'utilisation', threads: info.threads, samples: ours.map((ms) => flops / ms / 1e6),
      note: dtype === 'q8' ? 'int8 weights: FLOPs counted as for fp32' : undefined });

    // One peer worker per thread count (each new worker compiles ONNX Runtime's WebAssembly again).
    for (const n of threadCounts) {
      const peer = startPeerWorker(n);
      try {
        if (n === threads) {
          try {
            ctx.onProgress?.('embed: transformers.js pipeline, one text per call');
            const naive = await peer.call('pipelineEmbed', { model: MODEL, dtype, texts, warmup, reps });
            rec.add({ ...base, id: 'throughput/naive', label: "transformers.js pipeline('feature-extraction'), one text per call", unit: 'texts/s', better: 'higher', role: 'peer', compare: 'throughput', threads, samples: naive.map((ms) => perSecond(texts.length, ms)) });
            const naiveShort = await peer.call('pipelineEmbed', { model: MODEL, dtype, texts: short, warmup, reps });
            rec.add({ ...shortBase, id: 'short/naive', label: "questions: transformers.js pipeline('feature-extraction'), one text per call", unit: 'texts/s', better: 'higher', role: 'peer', compare: 'throughput-short', threads, samples: naiveShort.map((ms) => perSecond(short.length, ms)) });
          } catch (e) {
            rec.skip(`transformers.js pipeline: ${describeError(e)}`);
          }
        }
        await matmulPeak(rec, ctx, peer, n);
        if (threadCounts.length === 2) {
          ctx.onProgress?.(`embed: the runtime engine with ${n} thread(s)`);
          const ms = await peer.call('engineEmbed', { model: MODEL, dtype, texts, batchSize: BATCH, warmup, reps });
          rec.add({ ...base, id: `threads/${n}`, label: `runtime engine embed, ${n} WebAssembly thread${n > 1 ? 's' : ''} (bench worker)`, unit: 'texts/s', better: 'higher',
            role: n === 2 ? 'ours' : 'peer', compare: 'threads', threads: n, samples: ms.map((t) => perSecond(texts.length, t)) });
        }
      } catch (e) {
        rec.skip(`${n} thread(s): ${describeError(e)}`);
      } finally {
        peer.terminate();
      }
    }
    return rec.result();
  },
};
