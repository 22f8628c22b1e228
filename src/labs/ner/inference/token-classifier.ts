/**
 * Runs a token-classification model over token ids of any length: overlapping windows within
 * the model's maximum length (never truncated), batched, each batch padded to its longest window,
 * merged back into one row of label logits per token.
 */
import type { IdInputs, RunOptions, TensorData } from '../../../lib/runtime/types';
import type { LabelScheme } from '../decode/label-scheme';
import { mergeWindows, planWindows, type WindowPlan } from '../decode/windows';

/** The one runtime call this module needs (`runtime.run`), injectable for tests. */
export type RunModel = (handle: string, inputs: IdInputs, opts?: RunOptions) => Promise<Record<string, TensorData>>;

export interface ClassifierModel {
  handle: string;
  scheme: LabelScheme;
  clsId: number;
  sepId: number;
  padId: number;
  /** Tokens per window, without [CLS]/[SEP] (the model's max length − 2). */
  windowSize: number;
}

export interface WindowJob {
  ids: readonly number[];
  /** Filled with `ids.length × labels` logits once run. */
  logits?: Float32Array;
}

export interface RunJobsOptions {
  signal?: AbortSignal;
  /** Windows per model call. */
  batchSize?: number;
  /** Called after each batch with the number of windows done. */
  onBatch?: (windowsDone: number) => void;
}

/** Runs the windows in `order` (indices into `jobs`), `batchSize` at a time; fills `job.logits`. */
export async function runWindows(
  run: RunModel,
  model: ClassifierModel,
  jobs: readonly WindowJob[],
  order: readonly number[],
  { signal, batchSize = 16, onBatch }: RunJobsOptions = {},
): Promise<void> {
  const width = model.scheme.labels.length;
  let done = 0;
  for (let b = 0; b < order.length; b += batchSize) {
    signal?.throwIfAborted();
    const batch = order.slice(b, b + batchSize).map((i) => jobs[i]!);
    const longest = Math.max(...batch.map((j) => j.ids.length)) + 2;
    const inputIds: number[][] = [];
    const attentionMask: number[][] = [];
    for (const job of batch) {
      const row = [model.clsId, ...job.ids, model.sepId];
      const pad = longest - row.length;
      inputIds.push(pad > 0 ? row.concat(new Array<number>(pad).fill(model.padId)) : row);
      attentionMask.push(new Array<number>(row.length).fill(1).concat(new Array<number>(pad).fill(0)));
    }
    const tokenTypeIds = inputIds.map((r) => new Array<number>(r.length).fill(0));
    const out = await run(model.handle, { inputIds, attentionMask, tokenTypeIds }, { outputs: ['logits'], signal });
    const logits = out.logits;
    if (!logits || !(logits.data instanceof Float32Array)) throw new Error('the model gave no float32 `logits` output');
    const [rows, seq, labels] = logits.dims;
    if (rows !== batch.length || seq !== longest || labels !== width) {
      throw new Error(`logits have shape [${logits.dims.join(', ')}], expected [${batch.length}, ${longest}, ${width}]`);
    }
    batch.forEach((job, r) => {
      const from = (r * seq + 1) * width; // skip [CLS]
      job.logits = logits.data.slice(from, from + job.ids.length * width) as Float32Array;
    });
    done += batch.length;
    onBatch?.(done);
  }
}

/** Window jobs for one token sequence. */
export function windowJobs(ids: readonly number[], windowSize: number): { plan: WindowPlan; jobs: WindowJob[] } {
  const plan = planWindows(ids.length, windowSize);
  return { plan, jobs: plan.windows.map((w) => ({ ids: ids.slice(w.start, w.end) })) };
}

/** Merged `n × labels` logits of a sequence once its jobs have run. */
export function mergedLogits(plan: WindowPlan, jobs: readonly WindowJob[], width: number): Float32Array {
  return mergeWindows(
    plan,
    jobs.map((j, w) => {
      if (!j.logits) throw new Error(`window ${w} has not run`);
      return j.logits;
    }),
    width,
  );
}

/**
 * `ids.length × labels` logits for one long sequence (no special tokens in `ids`).
 * `onProgress(windowsDone, windowsTotal)` after each batch.
 */
export async function classifyTokens(
  run: RunModel,
  model: ClassifierModel,
  ids: readonly number[],
  opts: { signal?: AbortSignal; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<Float32Array> {
  const width = model.scheme.labels.length;
  if (ids.length === 0) return new Float32Array(0);
  const { plan, jobs } = windowJobs(ids, model.windowSize);
  await runWindows(run, model, jobs, jobs.map((_, i) => i), {
    signal: opts.signal,
    batchSize: opts.batchSize,
    onBatch: (done) => opts.onProgress?.(done, jobs.length),
  });
  return mergedLogits(plan, jobs, width);
}
