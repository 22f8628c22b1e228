/**
 * The Attention lab's state: the input, the view settings, the model run and the mask experiment.
 * Views read it and call its methods; it talks to the model only through the injected runtime.
 *
 * @example
 * const lab = new AttentionLab({ runtime, parseModelRef }, parseLabQuery(query).state);
 * lab.showExample(parseExample(exampleJson));
 * await lab.analyse();
 */
import type { Bilingual, Encoded, FillMaskPrediction, LoadOptions, ModelInfo, ModelRef, Progress, RunInputs, RunOptions, TensorData, TokenizeOptions } from '../../lib/runtime/types';
import { aggregateHeads } from './aggregate-heads';
import { attentionRollout } from './attention-rollout';
import { ATTENTION_BYTES_CAP, attentionBytes, headMatrix, maxSeqWithinCap, stackFromOutputs, type AttentionStack } from './attention-stack';
import type { AttentionExample } from './example';
import { headEntropies } from './head-entropy';
import type { TokenFocus } from './head-view-lines';
import { MASK_TOKEN, maskedText } from './mask-text';
import { applyVisibility, attentionReceived, visibility, type PairFilter, type Visibility } from './token-filter';
import type { AttentionViewId, AttentionViewState, MatrixSource } from './view-state';

/** The slice of the runtime client the lab uses (see src/lib/runtime). */
export interface AttentionRuntime {
  load(ref: ModelRef, opts?: LoadOptions & { exposeAttentions?: boolean }, onProgress?: (p: Progress) => void): Promise<ModelInfo>;
  tokenize(handle: string, text: string, textPair?: string, opts?: TokenizeOptions): Promise<Encoded>;
  run(handle: string, inputs: RunInputs, opts?: RunOptions): Promise<Record<string, TensorData>>;
  fillMask(handle: string, text: string, topK?: number): Promise<FillMaskPrediction[]>;
}

export interface AttentionLabDeps {
  runtime: AttentionRuntime;
  parseModelRef: (text: string) => ModelRef;
  /** Clock for the performance marks; `performance.now` by default. */
  now?: () => number;
}

export interface AttentionResult {
  origin: 'example' | 'model';
  /** The model it came from: a reference (`shipped:…`) or, for the example, its folder. */
  model: string;
  text: string;
  textPair: string;
  tokens: string[];
  segments: number[];
  inputIds: number[];
  stack: AttentionStack;
  /** Token count before truncation, when the input was longer than the model reads. */
  truncatedFrom: number | null;
}

/** Something to tell the learner: a message key under `attention.problems`, or the runtime's own words. */
export interface LabProblem {
  code: 'empty-text' | 'too-large' | 'no-attention' | 'fused-attention' | 'runtime' | 'no-fill-mask';
  values?: Record<string, string | number>;
  message?: Bilingual;
}

export interface MaskExperiment {
  index: number;
  phase: 'running' | 'ready' | 'error';
  predictions: FillMaskPrediction[];
  /** Attention with the token replaced by [MASK] (same positions as the original). */
  stack: AttentionStack | null;
  problem: LabProblem | null;
}

const TOP_K = 8;
const attentionNames = (names: readonly string[]) => names.filter((n) => /^attentions\.\d+$/.test(n));

function problemOf(error: unknown): LabProblem {
  const e = error as { code?: string; userMessage?: Bilingual; params?: Record<string, string | number>; message?: string };
  if (e?.code === 'fused-attention') return { code: 'fused-attention', values: { ops: String(e.params?.ops ?? '?') } };
  if (e?.code === 'no-attention') return { code: 'no-attention' };
  if (e?.userMessage) return { code: 'runtime', message: e.userMessage };
  const text = e?.message ?? String(error);
  return { code: 'runtime', message: { zh: text, en: text } };
}

export class AttentionLab {
  model = $state('');
  text = $state('');
  textPair = $state('');
  view = $state<AttentionViewId>('head');
  layer = $state(0);
  /** Heads drawn; null = all. */
  heads = $state.raw<number[] | null>(null);
  filter = $state<PairFilter>('all');
  hideSpecial = $state(false);
  renormalise = $state(false);
  matrixSource = $state<MatrixSource>('mean');
  matrixHead = $state(0);
  pinned = $state.raw<TokenFocus | null>(null);
  hovered = $state.raw<TokenFocus | null>(null);

  phase = $state<'idle' | 'loading' | 'running' | 'ready' | 'error'>('idle');
  progress = $state.raw<Progress | null>(null);
  problem = $state.raw<LabProblem | null>(null);
  info = $state.raw<ModelInfo | null>(null);
  result = $state.raw<AttentionResult | null>(null);
  mask = $state.raw<MaskExperiment | null>(null);
  /** `performance.now()` when the last model output arrived (start of the `attention:*` measures). */
  outputAt = 0;

  #deps: AttentionLabDeps;
  #run = 0;
  #abort: AbortController | null = null;

  constructor(deps: AttentionLabDeps, initial: AttentionViewState) {
    this.#deps = deps;
    this.applyViewState(initial);
  }

  get focus(): TokenFocus | null {
    return this.hovered ?? this.pinned;
  }

  /** The heads drawn, within the model's range. */
  readonly selectedHeads = $derived.by(() => {
    const n = this.result?.stack.heads ?? 0;
    const all = Array.from({ length: n }, (_, h) => h);
    return this.heads === null ? all : this.heads.filter((h) => h < n);
  });

  readonly visibility = $derived.by((): Visibility | null => {
    const r = this.result;
    return r && visibility({ tokens: r.tokens, segments: r.segments, filter: this.filter, hideSpecial: this.hideSpecial });
  });

  /** Token indices of the shown rows (from) and columns (to). */
  readonly shownRows = $derived(this.visibility ? this.visibility.rows.flatMap((v, i) => (v ? [i] : [])) : []);
  readonly shownCols = $derived(this.visibility ? this.visibility.cols.flatMap((v, i) => (v ? [i] : [])) : []);

  /** The selected heads of the current layer, filtered (and renormalised) for display. */
  readonly headMatrices = $derived.by(() => {
    const r = this.result;
    const v = this.visibility;
    if (!r || !v) return [];
    const layer = Math.min(this.layer, r.stack.layers - 1);
    return this.selectedHeads.map((head) => ({ head, matrix: applyVisibility(headMatrix(r.stack, layer, head), v, this.renormalise) }));
  });

  /** The matrix view's matrix: one head, the mean or max over all heads of the layer, or the rollout up to it. */
  readonly matrix = $derived.by(() => {
    const r = this.result;
    const v = this.visibility;
    return r && v ? applyVisibility(this.#sourceMatrix(r.stack, this.matrixSource), v, this.renormalise) : null;
  });

  /** Attention each token receives in the current layer (mean over the selected heads, mean over shown rows). */
  readonly received = $derived.by(() => {
    const r = this.result;
    const v = this.visibility;
    if (!r || !v || this.selectedHeads.length === 0) return null;
    const mean = aggregateHeads(r.stack, Math.min(this.layer, r.stack.layers - 1), this.selectedHeads, 'mean');
    return attentionReceived(applyVisibility(mean, v, this.renormalise), v);
  });

  readonly entropies = $derived(this.result ? headEntropies(this.result.stack) : []);

  /** Masked minus original attention for the matrix view's source, when the mask run is done. */
  readonly maskDifference = $derived.by(() => {
    const r = this.result;
    const m = this.mask;
    const v = this.visibility;
    if (!r || !m?.stack || !v) return null;
    const after = applyVisibility(this.#sourceMatrix(m.stack, this.matrixSource), v, this.renormalise);
    const before = applyVisibility(this.#sourceMatrix(r.stack, this.matrixSource), v, this.renormalise);
    return after.map((x, k) => x - before[k]!);
  });

  #sourceMatrix(stack: AttentionStack, source: MatrixSource): Float32Array {
    const layer = Math.min(this.layer, stack.layers - 1);
    if (source === 'rollout') return attentionRollout(stack, layer);
    if (source === 'head') return Float32Array.from(headMatrix(stack, layer, Math.min(this.matrixHead, stack.heads - 1)));
    return aggregateHeads(stack, layer, Array.from({ length: stack.heads }, (_, h) => h), source);
  }

  toggleHead(head: number): void {
    const current = this.selectedHeads;
    this.heads = current.includes(head) ? current.filter((h) => h !== head) : [...current, head].sort((a, b) => a - b);
  }

  showAllHeads(): void {
    this.heads = null;
  }

  /** From the model view: the head view of one layer and head. */
  openHead(layer: number, head: number): void {
    this.layer = layer;
    this.heads = [head];
    this.matrixHead = head;
    this.view = 'head';
  }

  /** Pins a token (its lines stay isolated), or unpins it when it is already pinned. */
  togglePin(focus: TokenFocus): void {
    const p = this.pinned;
    this.pinned = p && p.side === focus.side && p.index === focus.index ? null : focus;
  }

  showExample(example: AttentionExample): void {
    if (this.result) return;
    this.result = {
      origin: 'example', model: example.model, text: example.text, textPair: example.textPair, tokens: example.tokens,
      segments: example.segments, inputIds: [], stack: example.stack, truncatedFrom: null,
    };
  }

  /** Loads the model (once) and computes the attention of the current text. */
  async analyse(): Promise<void> {
    const run = ++this.#run;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.problem = null;
    this.mask = null;
    if (this.text.trim() === '') {
      this.problem = { code: 'empty-text' };
      this.phase = 'error';
      return;
    }
    const { runtime } = this.#deps;
    try {
      this.phase = 'loading';
      const ref = this.#deps.parseModelRef(this.model);
      const info = await runtime.load(ref, { exposeAttentions: true, signal: abort.signal }, (p) => {
        if (run === this.#run) this.progress = p;
      });
      if (run !== this.#run) return;
      this.info = info;
      this.progress = null;
      this.phase = 'running';
      const text = this.text;
      const pair = this.textPair.trim() === '' ? undefined : this.textPair;
      let encoded = await runtime.tokenize(info.handle, text, pair, { truncation: false });
      let truncatedFrom: number | null = null;
      if (encoded.inputIds.length > info.maxLength) {
        truncatedFrom = encoded.inputIds.length;
        encoded = await runtime.tokenize(info.handle, text, pair, { maxLength: info.maxLength, truncation: true });
      }
      const names = attentionNames(info.outputNames);
      if (names.length === 0) {
        this.problem = { code: 'no-attention' };
        this.phase = 'error';
        return;
      }
      const layers = info.capabilities.numLayers ?? names.length;
      const heads = info.capabilities.numHeads ?? 1;
      const bytes = attentionBytes(layers, heads, encoded.inputIds.length);
      if (bytes > ATTENTION_BYTES_CAP) {
        this.problem = { code: 'too-large', values: { tokens: encoded.inputIds.length, mb: Math.round(bytes / 2 ** 20), cap: ATTENTION_BYTES_CAP / 2 ** 20, max: maxSeqWithinCap(layers, heads) } };
        this.phase = 'error';
        return;
      }
      const outputs = await runtime.run(info.handle, this.#inputsOf(encoded.inputIds, encoded.tokenTypeIds), { outputs: names, signal: abort.signal });
      if (run !== this.#run) return;
      this.outputAt = (this.#deps.now ?? performance.now.bind(performance))();
      const stack = stackFromOutputs(outputs);
      this.result = {
        origin: 'model', model: this.model, text, textPair: pair ?? '', tokens: encoded.tokens, segments: encoded.tokenTypeIds,
        inputIds: encoded.inputIds, stack, truncatedFrom,
      };
      this.layer = Math.min(this.layer, stack.layers - 1);
      this.matrixHead = Math.min(this.matrixHead, stack.heads - 1);
      if (this.pinned && this.pinned.index >= encoded.tokens.length) this.pinned = null;
      this.phase = 'ready';
    } catch (error) {
      if (run !== this.#run) return;
      this.problem = problemOf(error);
      this.progress = null;
      this.phase = 'error';
    }
  }

  /** Stops a load or run in progress; what was shown before stays. */
  cancel(): void {
    if (this.phase !== 'loading' && this.phase !== 'running') return;
    this.#run++;
    this.#abort?.abort();
    this.progress = null;
    this.phase = this.result ? 'ready' : 'idle';
  }

  #inputsOf(inputIds: number[], tokenTypeIds: number[]): RunInputs {
    return { inputIds: [inputIds], attentionMask: [inputIds.map(() => 1)], tokenTypeIds: [tokenTypeIds] };
  }

  /** Replaces token `index` by [MASK]: the model's guesses for it, and the attention with it masked. */
  async maskToken(index: number): Promise<void> {
    const r = this.result;
    const info = this.info;
    if (!r || r.origin !== 'model' || !info) return;
    const { runtime } = this.#deps;
    const state: MaskExperiment = { index, phase: 'running', predictions: [], stack: null, problem: null };
    this.mask = state;
    const update = (patch: Partial<MaskExperiment>) => {
      if (this.mask?.index === index && this.result === r) this.mask = { ...this.mask, ...patch };
    };
    try {
      const maskId = (await runtime.tokenize(info.handle, MASK_TOKEN)).inputIds.find((_, i, ids) => i > 0 && i < ids.length - 1);
      if (maskId === undefined) throw new Error('the tokenizer has no [MASK] token');
      const ids = r.inputIds.map((id, i) => (i === index ? maskId : id));
      const outputs = await runtime.run(info.handle, this.#inputsOf(ids, r.segments), { outputs: attentionNames(info.outputNames) });
      update({ stack: stackFromOutputs(outputs) });
      let fillHandle = info.handle;
      if (!info.capabilities.fillMask) {
        try {
          fillHandle = (await runtime.load(this.#deps.parseModelRef(r.model), { modelFile: 'model_mlm' })).handle;
        } catch {
          update({ phase: 'error', problem: { code: 'no-fill-mask' } });
          return;
        }
      }
      update({ predictions: await runtime.fillMask(fillHandle, maskedText(r.tokens, r.segments, index), TOP_K), phase: 'ready' });
    } catch (error) {
      update({ phase: 'error', problem: problemOf(error) });
    }
  }

  closeMask(): void {
    this.mask = null;
  }

  toViewState(): AttentionViewState {
    return {
      model: this.model, text: this.text, textPair: this.textPair, view: this.view, layer: this.layer, heads: this.heads,
      filter: this.filter, hideSpecial: this.hideSpecial, renormalise: this.renormalise, matrixSource: this.matrixSource,
      matrixHead: this.matrixHead, pinned: this.pinned, mask: this.mask?.index ?? null,
    };
  }

  applyViewState(s: AttentionViewState): void {
    this.model = s.model;
    this.text = s.text;
    this.textPair = s.textPair;
    this.view = s.view;
    this.layer = s.layer;
    this.heads = s.heads;
    this.filter = s.filter;
    this.hideSpecial = s.hideSpecial;
    this.renormalise = s.renormalise;
    this.matrixSource = s.matrixSource;
    this.matrixHead = s.matrixHead;
    this.pinned = s.pinned;
  }
}
