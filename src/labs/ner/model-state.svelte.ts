/**
 * Which model the lab uses and its loading state. The lab loads the shipped model on open; a
 * Hub or local model (from `?model=`) loads when the learner asks.
 */
import { formatModelRef, parseModelRef } from '../../lib/runtime/model-ref';
import type { DType, ModelRef, Progress } from '../../lib/runtime/types';
import { loadNerModel, type LoadedNerModel, type NerModelDeps } from './inference/load-ner-model';
import { isCancellation } from './ner-error';

export const DEFAULT_MODEL: ModelRef = { source: 'shipped', id: 'mini-bert-med-ner' };

export type ModelPhase = 'idle' | 'loading' | 'ready' | 'error';

export class ModelState {
  ref = $state<ModelRef>(DEFAULT_MODEL);
  dtype = $state<DType | 'auto'>('auto');
  phase = $state<ModelPhase>('idle');
  progress = $state<Progress | null>(null);
  error = $state.raw<unknown>(null);
  loaded = $state.raw<LoadedNerModel | null>(null);
  /** Models offered in the picker: the default one and any the lab was opened with. */
  choices = $state<ModelRef[]>([DEFAULT_MODEL]);
  #deps: NerModelDeps;
  #attempt = 0;

  constructor(deps: NerModelDeps, queryModel?: string) {
    this.#deps = deps;
    if (queryModel) {
      try {
        const ref = parseModelRef(queryModel);
        this.ref = ref;
        if (formatModelRef(ref) !== formatModelRef(DEFAULT_MODEL)) this.choices = [DEFAULT_MODEL, ref];
      } catch (e) {
        this.error = e;
        this.phase = 'error';
      }
    }
  }

  get key(): string {
    return formatModelRef(this.ref);
  }

  /** Whether opening the lab should load the model without asking (shipped models only). */
  get autoLoad(): boolean {
    return this.ref.source === 'shipped' && this.phase === 'idle';
  }

  /** Picks a model by its `source:id` text (throws on a malformed reference). */
  choose(text: string): void {
    const ref = parseModelRef(text);
    if (!this.choices.some((c) => formatModelRef(c) === formatModelRef(ref))) this.choices = [...this.choices, ref];
    this.ref = ref;
    this.loaded = null;
    this.phase = 'idle';
    this.error = null;
  }

  /** Drops the loaded model (its handle died with the worker); the learner loads it again. */
  forget(): void {
    this.#attempt++;
    this.loaded = null;
    this.progress = null;
    if (this.phase !== 'error') this.phase = 'idle';
  }

  async load(): Promise<LoadedNerModel | null> {
    const attempt = ++this.#attempt;
    this.phase = 'loading';
    this.error = null;
    this.progress = null;
    try {
      const loaded = await loadNerModel(this.#deps, this.ref, { dtype: this.dtype }, (p) => {
        if (attempt === this.#attempt) this.progress = p;
      });
      if (attempt !== this.#attempt) return null;
      this.loaded = loaded;
      this.phase = 'ready';
      return loaded;
    } catch (e) {
      if (attempt !== this.#attempt) return null;
      this.loaded = null;
      this.error = e;
      this.phase = isCancellation(e) ? 'idle' : 'error';
      return null;
    }
  }
}
