/**
 * Measurements of the NER lab for the benchmark suite: tagging throughput on a long text (tokens/s)
 * and the time to evaluate a whole test set (NCBI-disease ≈ 24k words), with its F1 so a run also
 * checks the numbers. Both take a loaded model and the runtime's `run`.
 *
 * In a dev build or with `?debug=1`, the open lab exposes them as `globalThis.__llmLabNer`:
 * @example
 * const ner = globalThis.__llmLabNer;             // after opening #/lab/ner?debug=1 and the model loading
 * await ner.measureTokensPerSecond(ner.model(), ner.run, text);
 * await ner.measureEvaluation(ner.model(), ner.run, 'ncbi-disease');
 */
import { loadEvalSet, EVAL_SETS, type EvalSetId } from './data-files';
import { scoreTags } from './eval/conlleval';
import type { IobSentence } from './eval/iob';
import { keepTypes, tagCorpus } from './inference/corpus-tagger';
import type { LoadedNerModel } from './inference/load-ner-model';
import { classifyTokens, type RunModel } from './inference/token-classifier';

export interface ThroughputResult {
  tokens: number;
  windows: number;
  /** Wall time of each repeat, ms (tokenizing included). */
  runsMs: number[];
  /** Tokens per second of the fastest repeat. */
  tokensPerSec: number;
  backend: string;
  dtype: string;
}

export async function measureTokensPerSecond(
  model: LoadedNerModel,
  run: RunModel,
  text: string,
  { repeats = 3, batchSize = 16, now = () => performance.now() }: { repeats?: number; batchSize?: number; now?: () => number } = {},
): Promise<ThroughputResult> {
  if (!(repeats >= 1)) throw new RangeError(`invalid repeats ${repeats}`);
  const runsMs: number[] = [];
  let tokens = 0;
  let windows = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    const ids = model.tokenizer.encode(text).map((t) => t.id);
    await classifyTokens(run, model.classifier, ids, { batchSize, onProgress: (_, total) => (windows = total) });
    runsMs.push(now() - t0);
    tokens = ids.length;
  }
  return { tokens, windows, runsMs, tokensPerSec: (tokens * 1000) / Math.min(...runsMs), backend: model.info.backend, dtype: model.info.dtype };
}

export interface EvaluationTiming {
  sentences: number;
  tokens: number;
  ms: number;
  sentencesPerSec: number;
  tokensPerSec: number;
  /** Overall entity F1 (model-card decoding). */
  f1: number;
  backend: string;
  dtype: string;
}

export async function measureEvaluation(
  model: LoadedNerModel,
  run: RunModel,
  set: EvalSetId | { sentences: IobSentence[]; types: string[] },
  { now = () => performance.now() }: { now?: () => number } = {},
): Promise<EvaluationTiming> {
  const { sentences, types } = typeof set === 'string' ? { sentences: await loadEvalSet(set), types: EVAL_SETS.find((s) => s.id === set)!.types } : set;
  let tokens = 0;
  const t0 = now();
  const tags = await tagCorpus(run, model.classifier, model.tokenizer, sentences.map((s) => s.words), { onProgress: (_, total) => (tokens = total.tokens) });
  const ms = now() - t0;
  const f1 = scoreTags(sentences.map((s) => s.tags), tags.map((t) => keepTypes(t, types)), types).overall.f1;
  return { sentences: sentences.length, tokens, ms, sentencesPerSec: (sentences.length * 1000) / ms, tokensPerSec: (tokens * 1000) / ms, f1, backend: model.info.backend, dtype: model.info.dtype };
}
