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
  ref = $state.raw<ModelRef>(DEFAULT_MODEL);
  dtype = $state<DType | 'auto'>('auto');
  /** The weights this model ships (its `model` graph), once known. */
  dtypes = $state.raw<DType[]>(['fp32', 'q8']);
  phase = $state<ModelPhase>('idle');
  progress = $state<Progress | null>(null);
  error = $state.raw<unknown>(null);
  loaded = $state.raw<LoadedNerModel | null>(null);
  /** Models offered in the picker: the default one and any the lab was opened with. */
  choices = $state.raw<ModelRef[]>([DEFAULT_MODEL]);
  #deps: NerModelDeps;
  #attempt = 0;
  #abort: AbortController | null = null;

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

  /** Picks a model by its `source:id` text; a malformed reference becomes the error shown. */
  choose(text: string): void {
    this.#attempt++;
    this.loaded = null;
    this.progress = null;
    try {
      const ref = parseModelRef(text);
      if (!this.choices.some((c) => formatModelRef(c) === formatModelRef(ref))) this.choices = [...this.choices, ref];
      this.ref = ref;
      this.phase = 'idle';
      this.error = null;
    } catch (e) {
      this.error = e;
      this.phase = 'error';
    }
  }

  async #refreshDtypes(ref: ModelRef): Promise<void> {
    if (!this.#deps.inspect) return;
    try {
      const { variants } = await this.#deps.inspect(ref);
      const have = (['fp32', 'q8'] as const).filter((d) => variants.some((v) => v.stem === 'model' && v.dtype === d));
      if (have.length === 0) return;
      this.dtypes = have;
      if (this.dtype !== 'auto' && !have.includes(this.dtype)) this.dtype = 'auto';
    } catch {
      // the load that follows reports what is wrong with the model
    }
  }

  /** Drops the loaded model (its handle died with the worker); the learner loads it again. */
  forget(): void {
    this.#attempt++;
    this.loaded = null;
    this.progress = null;
    if (this.phase !== 'error') this.phase = 'idle';
  }

  async load(): Promise<LoadedNerModel | null> {
    this.#abort?.abort();
    const attempt = ++this.#attempt;
    const abort = new AbortController();
    this.#abort = abort;
    this.phase = 'loading';
    this.error = null;
    this.progress = null;
    try {
      const ref = this.ref;
      await this.#refreshDtypes(ref);
      if (attempt !== this.#attempt) return null;
      const loaded = await loadNerModel(this.#deps, ref, { dtype: this.dtype, signal: abort.signal }, (p) => {
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
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /** Stops a load in progress: the runtime drops what it had made, and the lab is back to "not loaded". */
  cancel(): void {
    if (this.phase !== 'loading') return;
    this.#abort?.abort();
    this.#attempt++;
    this.progress = null;
    this.phase = 'idle';
  }
}
