/**
 * Evaluation of the loaded model and the dictionary baseline on a test set (or the learner's own
 * IOB file): progress, cancel, and the report.
 */
import { EVAL_SETS, loadEvalSet, loadGazetteer, type EvalSetId } from './data-files';
import { evaluationReport, type EvaluationReport } from './eval/evaluation-report';
import { entityTypes, parseIob, type IobSentence } from './eval/iob';
import type { LoadedNerModel } from './inference/load-ner-model';
import { tagCorpus, type WordDecoding } from './inference/corpus-tagger';
import { abbreviationScope } from './decode/abbreviations';
import type { RunModel } from './inference/token-classifier';
import { NerError, isCancellation } from './ner-error';

export interface EvaluationRun {
  /** `ncbi-disease`, `bc5cdr`, or the file name. */
  source: string;
  fromFile: boolean;
  sentences: IobSentence[];
  report: EvaluationReport;
  model: string;
  backend: string;
  dtype: string;
  /** How words were labelled from their first pieces' logits. */
  decode: WordDecoding;
  /** Whether abbreviations were made consistent over the sentences as running text (`propagateAbbreviations`). */
  abbreviations: boolean;
  ms: number;
  tokens: number;
  gazetteer: { entries: number; minPrecision: number };
}

export interface EvalProgress {
  done: number;
  total: number;
  tokens: number;
  elapsedMs: number;
}

/** Largest IOB file the lab reads (bytes). */
export const MAX_IOB_BYTES = 20_000_000;

/**
 * One window per model call. An int8 model quantizes its activations per tensor, over the whole
 * batch: windows run together (and the padding they need) change each other's scales, so a sentence's
 * tags would depend on its neighbours. Alone, each window gets what the model factory's evaluation
 * gives it (mini-bert-med-ner on NCBI-disease test in onnxruntime: F1 67.34 one window per call, as
 * the card's int8 67.3; 67.98 sixteen per call). With nothing padded it was also faster there (29 s, 35 s).
 */
const EVAL_BATCH_SIZE = 1;

export class EvaluationState {
  setId = $state<EvalSetId | 'file'>('ncbi-disease');
  /** `viterbi`: the BIO-consistent sequence, as the model cards are scored; `argmax`: each word alone. */
  decode = $state<WordDecoding>('viterbi');
  /** Abbreviation consistency over the set's running text, as the model cards are scored. */
  abbreviations = $state(true);
  file = $state.raw<{ name: string; sentences: IobSentence[] } | null>(null);
  running = $state(false);
  progress = $state<EvalProgress | null>(null);
  error = $state.raw<unknown>(null);
  result = $state.raw<EvaluationRun | null>(null);
  #controller: AbortController | null = null;
  #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Reads the learner's IOB file (`word TAB tag` lines) and selects it. */
  async loadFile(file: File): Promise<void> {
    this.error = null;
    try {
      if (file.size > MAX_IOB_BYTES) throw new NerError('file-too-large', { name: file.name, max: `${MAX_IOB_BYTES / 1e6} MB` });
      let sentences: IobSentence[];
      try {
        sentences = parseIob(await file.text());
      } catch (e) {
        throw new NerError('bad-iob', { name: file.name, detail: e instanceof Error ? e.message : String(e) });
      }
      if (sentences.length === 0 || entityTypes(sentences).length === 0) throw new NerError('bad-iob', { name: file.name, detail: 'no tagged sentences' });
      this.file = { name: file.name, sentences };
      this.setId = 'file';
    } catch (e) {
      this.error = e;
    }
  }

  async evaluate(model: LoadedNerModel, run: RunModel): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    const t0 = this.#now();
    this.running = true;
    this.error = null;
    this.progress = null;
    try {
      const fromFile = this.setId === 'file';
      if (fromFile && !this.file) throw new NerError('bad-iob', { name: '', detail: 'no file chosen' });
      const [sentences, gazetteer] = await Promise.all([fromFile ? this.file!.sentences : loadEvalSet(this.setId as EvalSetId), loadGazetteer()]);
      const types = fromFile ? entityTypes(sentences) : EVAL_SETS.find((s) => s.id === this.setId)!.types;
      const scored = types.filter((t) => model.scheme.types.includes(t));
      if (!model.scheme.bio || scored.length === 0) {
        throw new NerError('not-scorable', { types: types.join(', '), labels: model.scheme.labels.join(', ') });
      }
      let tokens = 0;
      const decode = this.decode;
      const abbreviations = this.abbreviations;
      const tags = await tagCorpus(run, model.classifier, model.tokenizer, sentences.map((s) => s.words), {
        batchSize: EVAL_BATCH_SIZE,
        decode,
        abbreviationScope: abbreviationScope(abbreviations),
        signal: controller.signal,
        onProgress: (done, total) => {
          tokens = total.tokens;
          this.progress = { done: done.sentences, total: total.sentences, tokens: done.tokens, elapsedMs: this.#now() - t0 };
        },
      });
      const baseline = sentences.map((s) => gazetteer.tagWords(s.words));
      this.result = {
        source: fromFile ? this.file!.name : this.setId,
        fromFile,
        sentences,
        report: evaluationReport(sentences, types, tags, baseline, (key, type) => gazetteer.seen(key, type)),
        model: `${model.info.ref.source}:${model.info.ref.id}`,
        backend: model.info.backend,
        dtype: model.info.dtype,
        decode,
        abbreviations,
        ms: this.#now() - t0,
        tokens,
        gazetteer: { entries: gazetteer.size, minPrecision: gazetteer.minPrecision },
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
