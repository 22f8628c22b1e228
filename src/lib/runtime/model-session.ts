import { checkBatchSize, planBatches } from './batch-plan';
import { hiddenStateOutput, textFeedable, type FeedableInput } from './capabilities';
import { RuntimeError } from './errors';
import { packIdInputs, padBatch, type BatchFeeds } from './feeds';
import { clsPool, l2Normalize, meanPool } from './pooling';
import { ProgressMeter } from './progress-meter';
import { toTensorData, type OrtTensorLike } from './tensor-data';
import type { TextTokenizer } from './tokenizer';
import { softmaxTopK } from './top-k';
import { truncateEncoding } from './truncate';
import type {
  BenchmarkResult,
  Capabilities,
  EmbedOptions,
  Encoded,
  FillMaskPrediction,
  Progress,
  RunInputs,
  TensorData,
  TokenizeOptions,
} from './types';

/** What the runtime needs of an ONNX Runtime session (onnxruntime-web in the worker, -node in tests). */
export interface SessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>, fetches?: readonly string[]): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

export type MakeInt64Tensor = (data: BigInt64Array, dims: readonly number[]) => OrtTensorLike;

export interface LoadedModelParts {
  session: SessionLike;
  tokenizer: TextTokenizer;
  makeTensor: MakeInt64Tensor;
  capabilities: Capabilities;
  maxLength: number;
  /** The graph's file, for messages (`onnx/model.onnx`). */
  file?: string;
  /** Lets queued messages (a cancel) through between batches; `setTimeout(0)` in the worker. */
  yieldNow?: () => Promise<void>;
  now?: () => number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RuntimeError('cancelled');
}

/**
 * One loaded model: an ONNX session plus its tokenizer, and the operations of the runtime API
 * (`tokenize`, `run`, `embed`, `fillMask`, `benchmark`) on top. Environment-agnostic: it works
 * on anything that looks like an ORT session.
 */
export class LoadedModel {
  readonly #p: LoadedModelParts;
  readonly #yield: () => Promise<void>;
  readonly #now: () => number;

  constructor(parts: LoadedModelParts) {
    if (!textFeedable(parts.session.inputNames)) {
      throw new RuntimeError('unsupported-inputs', { file: parts.file ?? 'the model', inputs: parts.session.inputNames.join(', ') || '—' });
    }
    this.#p = parts;
    this.#yield = parts.yieldNow ?? macrotask;
    this.#now = parts.now ?? (() => performance.now());
  }

  get session(): SessionLike {
    return this.#p.session;
  }

  /** Encodes with special tokens, truncated (longest first) to `maxLength` (the model's, by default). */
  tokenize(text: string, textPair?: string, opts: TokenizeOptions = {}): Encoded {
    if (typeof text !== 'string' || (textPair !== undefined && typeof textPair !== 'string')) {
      throw new RuntimeError('bad-input', { detail: 'text must be a string' });
    }
    // `truncation: false` reports the full length, also past the model's limit (the Attention lab's truncation notice).
    const e = opts.truncation === false ? this.#p.tokenizer.encode(text, textPair) : this.#encode(text, textPair, opts.maxLength ?? this.#p.maxLength);
    return { inputIds: e.ids, tokenTypeIds: e.types, tokens: this.#p.tokenizer.tokens(e.ids) };
  }

  #encode(text: string, textPair: string | undefined, maxLength: number) {
    const max = Math.min(maxLength, this.#p.maxLength);
    const e = this.#p.tokenizer.encode(text, textPair);
    return Number.isFinite(max) && e.ids.length > max ? truncateEncoding(e, max) : e;
  }

  #feeds(f: BatchFeeds): Record<string, OrtTensorLike> {
    const all: Record<FeedableInput, BigInt64Array> = { input_ids: f.inputIds, attention_mask: f.attentionMask, token_type_ids: f.tokenTypeIds };
    const feeds: Record<string, OrtTensorLike> = {};
    // every input name is feedable: the constructor checked
    for (const name of this.#p.session.inputNames) feeds[name] = this.#p.makeTensor(all[name as FeedableInput], f.dims);
    return feeds;
  }

  #checkOutputs(names: readonly string[]): void {
    for (const name of names) {
      if (!this.#p.session.outputNames.includes(name)) {
        throw new RuntimeError('missing-output', { name, outputs: this.#p.session.outputNames.join(', ') });
      }
    }
  }

  #inputsToFeeds(inputs: RunInputs): BatchFeeds {
    if ('text' in inputs) {
      const e = this.#encode(inputs.text, inputs.textPair, this.#p.maxLength);
      return padBatch([e.ids], [e.types], this.#p.tokenizer.padId);
    }
    if ('inputIds' in inputs) return packIdInputs(inputs.inputIds, inputs.attentionMask, inputs.tokenTypeIds, this.#p.tokenizer.vocabSize);
    throw new RuntimeError('bad-input', { detail: 'inputs must have text or inputIds' });
  }

  /** Raw session outputs by name (all of them unless `outputs` names some). */
  async run(inputs: RunInputs, outputs?: readonly string[], signal?: AbortSignal): Promise<Record<string, TensorData>> {
    if (outputs) this.#checkOutputs(outputs);
    const feeds = this.#feeds(this.#inputsToFeeds(inputs));
    checkSignal(signal);
    const res = await this.#p.session.run(feeds, outputs && outputs.length > 0 ? outputs : undefined);
    const out: Record<string, TensorData> = {};
    for (const [name, t] of Object.entries(res)) out[name] = toTensorData(name, t);
    return out;
  }

  /**
   * Sentence vectors, `texts.length × hidden`, row-major, in input order. Texts are batched by
   * length (each batch padded to its longest text), pooled and normalised here; progress after
   * each batch; a cancelled signal stops at the next batch boundary.
   */
  async embed(texts: readonly string[], opts: Omit<EmbedOptions, 'signal'> = {}, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<Float32Array> {
    const hidden = hiddenStateOutput(this.#p.session.outputNames);
    if (hidden === null) throw new RuntimeError('no-hidden-state', { outputs: this.#p.session.outputNames.join(', ') });
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) throw new RuntimeError('bad-input', { detail: 'texts must be an array of strings' });
    const { batchSize = 32, pooling = 'mean', normalize = true } = opts;
    checkBatchSize(batchSize);
    const maxLength = opts.maxLength ?? this.#p.maxLength;
    const encoded = texts.map((t) => this.#encode(t, undefined, maxLength));
    const meter = new ProgressMeter(texts.length, { stage: 'embed' }, (p) => onProgress?.(p), this.#now);
    let out: Float32Array | null = null;
    let width = 0;
    let done = 0;
    for (const batch of planBatches(encoded.map((e) => e.ids.length), batchSize)) {
      checkSignal(signal);
      const f = padBatch(batch.map((i) => encoded[i]!.ids), batch.map((i) => encoded[i]!.types), this.#p.tokenizer.padId);
      const res = await this.#p.session.run(this.#feeds(f), [hidden]);
      const h = res[hidden]!;
      const data = toTensorData(hidden, h).data as Float32Array;
      if (out === null) {
        width = h.dims[2] ?? 0;
        out = new Float32Array(texts.length * width);
      }
      if (pooling === 'cls') clsPool({ data, dims: h.dims }, out, batch);
      else meanPool({ data, dims: h.dims }, f.mask, out, batch);
      if (normalize) l2Normalize(out, width, batch);
      h.dispose?.();
      done += batch.length;
      meter.update(done);
      await this.#yield();
    }
    return out ?? new Float32Array(0);
  }

  /** Top-k fillers of the first `[MASK]`, through the MLM graph's `logits`. */
  async fillMask(text: string, topK = 5): Promise<FillMaskPrediction[]> {
    const tok = this.#p.tokenizer;
    if (!this.#p.capabilities.fillMask || !this.#p.session.outputNames.includes('logits')) throw new RuntimeError('not-fill-mask');
    if (tok.maskId === null) throw new RuntimeError('not-fill-mask');
    if (!Number.isInteger(topK) || topK < 1 || topK > 1000) throw new RuntimeError('bad-input', { detail: `topK ${topK}` });
    const e = this.#encode(text, undefined, this.#p.maxLength);
    const pos = e.ids.indexOf(tok.maskId);
    if (pos === -1) throw new RuntimeError('no-mask', { mask: tok.maskToken ?? '[MASK]' });
    const f = padBatch([e.ids], [e.types], tok.padId);
    const res = await this.#p.session.run(this.#feeds(f), ['logits']);
    const logits = res.logits!;
    const vocab = logits.dims[2]!;
    const row = (logits.data as Float32Array).subarray(pos * vocab, (pos + 1) * vocab);
    return softmaxTopK(row, topK).map(({ index, prob }) => {
      const ids = [...e.ids];
      ids[pos] = index;
      return { token: tok.tokens([index])[0]!, tokenId: index, score: prob, sequence: tok.decode(ids) };
    });
  }

  /** Times `runs` session runs on one text (after `warmup` untimed ones). */
  async benchmark(text: string, runs: number, warmup = 2, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<BenchmarkResult> {
    if (!Number.isInteger(runs) || runs < 1 || runs > 10_000) throw new RuntimeError('bad-input', { detail: `runs ${runs}` });
    const f = this.#inputsToFeeds({ text });
    const meter = new ProgressMeter(runs, { stage: 'bench' }, (p) => onProgress?.(p), this.#now);
    const latenciesMs: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      checkSignal(signal);
      const feeds = this.#feeds(f);
      const t0 = this.#now();
      const res = await this.#p.session.run(feeds);
      const dt = this.#now() - t0;
      for (const t of Object.values(res)) t.dispose?.();
      if (i >= warmup) {
        latenciesMs.push(dt);
        meter.update(latenciesMs.length);
      }
      await this.#yield();
    }
    return { latenciesMs, tokens: f.dims[1] };
  }

  release(): Promise<void> {
    return this.#p.session.release();
  }
}
