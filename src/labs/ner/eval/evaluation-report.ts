/**
 * Everything the evaluation view shows for one corpus: entity P/R/F1 of the model and of the
 * dictionary baseline, the same split by mentions whose text was or was not seen in training,
 * and their mistakes by kind.
 */
import { mentionKey } from '../baseline/gazetteer';
import { chunks, scoreChunks, type Chunk, type EntityScores } from './conlleval';
import type { IobSentence } from './iob';
import { corpusErrors, countErrors, type ErrorKind, type SpanError } from './span-errors';

export interface SystemReport {
  scores: EntityScores;
  /** Scores on mentions (gold and predicted) whose text was an entity of that type in training. */
  seen: EntityScores;
  /** Scores on mentions whose text never was. */
  unseen: EntityScores;
  errorCounts: Record<ErrorKind, number>;
  errors: SpanError[];
  pred: Chunk[][];
}

export interface EvaluationReport {
  types: string[];
  gold: Chunk[][];
  model: SystemReport;
  baseline: SystemReport;
}

/** Whether the text of a mention was an entity of `type` in training. */
export type SeenInTraining = (key: string, type: string) => boolean;

/** Splits gold and predicted chunks by whether their text was seen in training, and scores each part. */
export function scoreBySeen(
  sentences: readonly IobSentence[],
  gold: readonly Chunk[][],
  pred: readonly Chunk[][],
  types: readonly string[],
  seen: SeenInTraining,
): { seen: EntityScores; unseen: EntityScores } {
  const isSeen = (s: number) => (c: Chunk) => seen(mentionKey(sentences[s]!.words.slice(c.start, c.end)), c.type);
  const part = (want: boolean) => (cs: readonly Chunk[][]) => cs.map((c, s) => c.filter((x) => isSeen(s)(x) === want));
  return {
    seen: scoreChunks(part(true)(gold), part(true)(pred), types),
    unseen: scoreChunks(part(false)(gold), part(false)(pred), types),
  };
}

function systemReport(sentences: readonly IobSentence[], gold: Chunk[][], pred: Chunk[][], types: readonly string[], seen: SeenInTraining): SystemReport {
  const errors = corpusErrors(gold, pred);
  return { scores: scoreChunks(gold, pred, types), ...scoreBySeen(sentences, gold, pred, types, seen), errorCounts: countErrors(errors), errors, pred };
}

/**
 * The report for `sentences` scored on `types`: `modelTags` are the model's word tags (types
 * not scored become O first, as the model factory does), `baseline` the dictionary's chunks.
 */
export function evaluationReport(
  sentences: readonly IobSentence[],
  types: readonly string[],
  modelTags: readonly string[][],
  baseline: readonly Chunk[][],
  seen: SeenInTraining,
): EvaluationReport {
  if (modelTags.length !== sentences.length || baseline.length !== sentences.length) {
    throw new RangeError(`expected predictions for ${sentences.length} sentences`);
  }
  const scored = (c: Chunk) => types.includes(c.type);
  const gold = sentences.map((s) => chunks(s.tags).filter(scored));
  const modelPred = modelTags.map((tags) => chunks(tags.map((t) => (t !== 'O' && types.includes(t.slice(2)) ? t : 'O'))));
  return {
    types: [...types],
    gold,
    model: systemReport(sentences, gold, modelPred, types, seen),
    baseline: systemReport(sentences, gold, baseline.map((cs) => cs.filter(scored)), types, seen),
  };
}
