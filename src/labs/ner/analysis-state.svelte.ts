/** The text being analysed, the model's per-token probabilities for it, and the entities they give. */
import type { LabelScheme } from './decode/label-scheme';
import { decodeEntities, type AggregationStrategy, type Entity } from './decode/entity-spans';
import { abbreviationScope } from './decode/abbreviations';
import type { TokenSpan } from './decode/offset-tokenizer';
import { softmaxRows } from './decode/softmax';
import type { LoadedNerModel } from './inference/load-ner-model';
import { classifyTokens, type RunModel } from './inference/token-classifier';
import { isCancellation } from './ner-error';

export interface AnalysisResult {
  text: string;
  tokens: TokenSpan[];
  /** `tokens.length × labels` probabilities. */
  probs: Float32Array;
  scheme: LabelScheme;
  windows: number;
  ms: number;
  model: string;
}

export class AnalysisState {
  text = $state('');
  strategy = $state<AggregationStrategy>('viterbi');
  /** Abbreviation consistency (for the word-level strategies), as the model cards are scored. */
  abbreviations = $state(true);
  running = $state(false);
  progress = $state<{ done: number; total: number; elapsedMs: number } | null>(null);
  error = $state.raw<unknown>(null);
  result = $state.raw<AnalysisResult | null>(null);
  readonly entities: Entity[] = $derived.by(() => {
    const r = this.result;
    return r ? decodeEntities(r.text, r.tokens, r.probs, r.scheme, this.strategy, { abbreviationScope: abbreviationScope(this.abbreviations) }) : [];
  });
  #controller: AbortController | null = null;
  #now: () => number;

  constructor(text = '', now: () => number = () => performance.now()) {
    this.text = text;
    this.#now = now;
  }

  async analyse(model: LoadedNerModel, run: RunModel): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    const text = this.text;
    const t0 = this.#now();
    this.running = true;
    this.error = null;
    this.progress = null;
    try {
      const tokens = model.tokenizer.encode(text);
      let windows = 0;
      const logits = await classifyTokens(run, model.classifier, tokens.map((t) => t.id), {
        signal: controller.signal,
        onProgress: (done, total) => {
          windows = total;
          this.progress = { done, total, elapsedMs: this.#now() - t0 };
        },
      });
      const width = model.scheme.labels.length;
      this.result = {
        text,
        tokens,
        probs: tokens.length > 0 ? softmaxRows(logits, width) : new Float32Array(0),
        scheme: model.scheme,
        windows,
        ms: this.#now() - t0,
        model: `${model.info.ref.source}:${model.info.ref.id}`,
      };
    } catch (e) {
      if (!isCancellation(e)) this.error = e;
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.running = false;
      }
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }
}
