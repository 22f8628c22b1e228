/**
 * Tags pre-split sentences (an IOB corpus) the way the model factory evaluates: each word is
 * encoded on its own, long sentences go through overlapping windows, and each word is decoded from its
 * FIRST piece's logits: by default the BIO-consistent path (`bioViterbi`), as the factory's cards
 * are scored; `decode: 'argmax'` takes each word's most likely label on its own. With
 * `abbreviationScope`, abbreviations are then made consistent over the sentences as one running text
 * (`propagateAbbreviations`), as the cards are scored too.
 */
import { propagateAbbreviations } from '../decode/abbreviations';
import { bioViterbi } from '../decode/bio-viterbi';
import { argmax, logSoftmaxRows } from '../decode/softmax';
import type { OffsetTokenizer } from '../decode/offset-tokenizer';
import { mergedLogits, runWindows, windowJobs, type ClassifierModel, type RunModel, type WindowJob } from './token-classifier';

export interface CorpusProgress {
  sentences: number;
  tokens: number;
}

export interface TagCorpusOptions {
  signal?: AbortSignal;
  batchSize?: number;
  /** Sentences taken together and sorted by length, so batches pad little but progress stays even. */
  chunkSize?: number;
  onProgress?: (done: CorpusProgress, total: CorpusProgress) => void;
  /** `viterbi` (default; argmax for a scheme that is not BIO) or `argmax`. */
  decode?: WordDecoding;
  /** Words after an abbreviation's definition in which it is made consistent (0: off, the default). */
  abbreviationScope?: number;
}

export type WordDecoding = 'viterbi' | 'argmax';

interface Prepared {
  firstToken: Int32Array;
  ids: number[];
  plan: ReturnType<typeof windowJobs>['plan'];
  jobs: WindowJob[];
}

function prepare(tokenizer: OffsetTokenizer, words: readonly string[], windowSize: number): Prepared {
  const tokens = tokenizer.encodeWords(words);
  const firstToken = new Int32Array(words.length).fill(-1);
  tokens.forEach((t, i) => {
    if (firstToken[t.word] === -1) firstToken[t.word] = i;
  });
  const ids = tokens.map((t) => t.id);
  return { firstToken, ids, ...windowJobs(ids, windowSize) };
}

/** Predicted word tags (label names) for each sentence. */
export async function tagCorpus(
  run: RunModel,
  model: ClassifierModel,
  tokenizer: OffsetTokenizer,
  sentences: readonly (readonly string[])[],
  { signal, batchSize = 16, chunkSize = 64, onProgress, decode = 'viterbi', abbreviationScope = 0 }: TagCorpusOptions = {},
): Promise<string[][]> {
  const width = model.scheme.labels.length;
  const prepared = sentences.map((words) => prepare(tokenizer, words, model.windowSize));
  const total = { sentences: sentences.length, tokens: prepared.reduce((s, p) => s + p.ids.length, 0) };
  const done = { sentences: 0, tokens: 0 };
  const out: string[][] = [];
  for (let c = 0; c < prepared.length; c += chunkSize) {
    const chunk = prepared.slice(c, c + chunkSize);
    const jobs = chunk.flatMap((p) => (p.ids.length > 0 ? p.jobs : []));
    const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.ids.length - jobs[a]!.ids.length || a - b);
    await runWindows(run, model, jobs, order, { signal, batchSize });
    for (const p of chunk) {
      const logits = p.ids.length > 0 ? mergedLogits(p.plan, p.jobs, width) : new Float32Array(0);
      out.push(decodeWords(p.firstToken, logits, width, model.scheme, decode));
      done.sentences++;
      done.tokens += p.ids.length;
    }
    onProgress?.({ ...done }, total);
  }
  return abbreviationScope > 0 && model.scheme.bio ? consistentAbbreviations(sentences, out, abbreviationScope) : out;
}

/** `propagateAbbreviations` over the sentences as one running text, split back into sentences. */
export function consistentAbbreviations(sentences: readonly (readonly string[])[], tags: readonly string[][], scope: number): string[][] {
  const flat = propagateAbbreviations(sentences.flat(), tags.flat(), scope);
  let at = 0;
  return tags.map((t) => flat.slice(at, (at += t.length)));
}

/** Word labels from their first pieces' logits; a word without pieces is `O`. */
export function decodeWords(firstToken: Int32Array, logits: Float32Array, width: number, scheme: ClassifierModel['scheme'], decode: WordDecoding): string[] {
  const tags = Array.from(firstToken, () => 'O');
  if (decode === 'viterbi' && scheme.bio) {
    const words = [...firstToken.keys()].filter((w) => firstToken[w] !== -1);
    const path = bioViterbi(logSoftmaxRows(logits, width), width, scheme, words.map((w) => firstToken[w]!));
    words.forEach((w, i) => (tags[w] = scheme.labels[path[i]!]!));
  } else {
    firstToken.forEach((t, w) => t !== -1 && (tags[w] = scheme.labels[argmax(logits, t * width, width)]!));
  }
  return tags;
}

/** Keeps tags of the scored types, others become `O` (NCBI-disease scores Disease only). */
export function keepTypes(tags: readonly string[], types: readonly string[]): string[] {
  return tags.map((t) => (t !== 'O' && types.includes(t.slice(2)) ? t : 'O'));
}
