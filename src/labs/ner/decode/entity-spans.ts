/**
 * From per-token label probabilities to entities with character offsets, with the aggregation
 * strategies of Hugging Face's token-classification pipeline:
 * - `none`: every token on its own; `simple`: tokens grouped by BIO tags;
 * - `first` / `average` / `max`: first a label per word (from its first piece, the mean of its
 *   pieces' distributions, or the piece with the most confident label), then words grouped;
 * - `viterbi` (ours, the lab's default): words from their first piece, labelled together as the most
 *   likely BIO-consistent sequence (`bio-viterbi.ts`), as the model factory scores its cards.
 * With `abbreviationScope`, word labels are then made consistent for abbreviations defined in the
 * text (`abbreviations.ts`) before words are grouped.
 * Grouping follows conlleval: a `B-` or a change of type starts an entity, so an `I-` after `O`
 * starts a new one.
 */
import type { TokenSpan } from './offset-tokenizer';
import { parseTag, type LabelScheme } from './label-scheme';
import { bioViterbi } from './bio-viterbi';
import { propagateAbbreviations } from './abbreviations';
import { argmax } from './softmax';

export type AggregationStrategy = 'none' | 'simple' | 'first' | 'average' | 'max' | 'viterbi';
export const AGGREGATION_STRATEGIES: readonly AggregationStrategy[] = ['viterbi', 'first', 'average', 'max', 'simple', 'none'];

/** Whether a strategy labels whole words (and so can take abbreviation consistency); `none` and `simple` label tokens. */
export const labelsWords = (strategy: AggregationStrategy): strategy is 'viterbi' | 'first' | 'average' | 'max' => strategy !== 'none' && strategy !== 'simple';

/** A token or word with its chosen label. */
export interface LabelledUnit {
  labelId: number;
  score: number;
  start: number;
  end: number;
  /** Token range, end exclusive. */
  tokenStart: number;
  tokenEnd: number;
}

export interface Entity {
  /** Entity type (`Disease`); for a scheme that is not BIO, the label. */
  type: string;
  /** The label behind it: the type for a grouped entity, the token's own label (`I-Disease`) for `none`. */
  label: string;
  /** Character offsets in the text, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** Mean score of the grouped tokens or words. */
  score: number;
  tokenStart: number;
  tokenEnd: number;
}

function checkShape(tokens: readonly TokenSpan[], probs: Float32Array, width: number): void {
  if (probs.length !== tokens.length * width) {
    throw new RangeError(`expected ${tokens.length} × ${width} probabilities, got ${probs.length}`);
  }
}

/** Each token's most likely label. */
export function labelTokens(tokens: readonly TokenSpan[], probs: Float32Array, width: number): LabelledUnit[] {
  checkShape(tokens, probs, width);
  return tokens.map((t, i) => {
    const labelId = argmax(probs, i * width, width);
    return { labelId, score: probs[i * width + labelId]!, start: t.start, end: t.end, tokenStart: i, tokenEnd: i + 1 };
  });
}

/** One label per word (a token that does not continue a word starts one), by `strategy`. */
export function labelWords(
  tokens: readonly TokenSpan[],
  probs: Float32Array,
  width: number,
  strategy: 'first' | 'average' | 'max',
): LabelledUnit[] {
  checkShape(tokens, probs, width);
  const words: LabelledUnit[] = [];
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && tokens[i]!.continuation) continue;
    if (from < i) words.push(labelWord(tokens, probs, width, strategy, from, i));
    from = i;
  }
  return words;
}

function labelWord(
  tokens: readonly TokenSpan[],
  probs: Float32Array,
  width: number,
  strategy: 'first' | 'average' | 'max',
  from: number,
  to: number,
): LabelledUnit {
  let labelId: number;
  let score: number;
  if (strategy === 'average') {
    const mean = new Float32Array(width);
    for (let i = from; i < to; i++) for (let k = 0; k < width; k++) mean[k] = mean[k]! + probs[i * width + k]! / (to - from);
    labelId = argmax(mean, 0, width);
    score = mean[labelId]!;
  } else {
    let pick = from;
    if (strategy === 'max') {
      let best = -Infinity;
      for (let i = from; i < to; i++) {
        const top = probs[i * width + argmax(probs, i * width, width)]!;
        if (top > best) [best, pick] = [top, i];
      }
    }
    labelId = argmax(probs, pick * width, width);
    score = probs[pick * width + labelId]!;
  }
  return { labelId, score, start: tokens[from]!.start, end: tokens[to - 1]!.end, tokenStart: from, tokenEnd: to };
}

/** Groups labelled units into entities (Hugging Face's `group_entities`), dropping `O`. */
export function groupEntities(units: readonly LabelledUnit[], scheme: LabelScheme, text: string): Entity[] {
  const entities: Entity[] = [];
  let group: LabelledUnit[] = [];
  const close = () => {
    if (group.length === 0) return;
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const label = scheme.labels[first.labelId]!;
    if (label !== 'O') {
      const start = first.start;
      const end = last.end;
      const score = group.reduce((s, u) => s + u.score, 0) / group.length;
      const type = scheme.bio ? parseTag(label).type : label;
      entities.push({ type, label: type, start, end, text: text.slice(start, end), score, tokenStart: first.tokenStart, tokenEnd: last.tokenEnd });
    }
    group = [];
  };
  for (const unit of units) {
    const prev = group[group.length - 1];
    if (prev) {
      const tag = parseTag(scheme.labels[unit.labelId]!);
      const last = parseTag(scheme.labels[prev.labelId]!);
      if (!(tag.type === last.type && tag.prefix !== 'B')) close();
    }
    group.push(unit);
  }
  close();
  return entities;
}

/** Every token with a label other than `O` as an entity of its own (strategy `none`). */
export function tokenEntities(units: readonly LabelledUnit[], scheme: LabelScheme, text: string): Entity[] {
  return units
    .filter((u) => scheme.labels[u.labelId] !== 'O')
    .map((u) => {
      const label = scheme.labels[u.labelId]!;
      const type = scheme.bio ? parseTag(label).type : label;
      return { type, label, start: u.start, end: u.end, text: text.slice(u.start, u.end), score: u.score, tokenStart: u.tokenStart, tokenEnd: u.tokenEnd };
    });
}

/**
 * Entities in `text` from its tokens and their label probabilities (`tokens.length × labels`).
 * A scheme that is not BIO cannot form spans: its tokens are returned one by one, as `none` does.
 */
export function decodeEntities(
  text: string,
  tokens: readonly TokenSpan[],
  probs: Float32Array,
  scheme: LabelScheme,
  strategy: AggregationStrategy,
  { abbreviationScope = 0 }: { abbreviationScope?: number } = {},
): Entity[] {
  const width = scheme.labels.length;
  if (strategy === 'none' || !scheme.bio) return tokenEntities(labelTokens(tokens, probs, width), scheme, text);
  if (!labelsWords(strategy)) return groupEntities(labelTokens(tokens, probs, width), scheme, text);
  let words = strategy === 'viterbi' ? viterbiWords(tokens, probs, width, scheme) : labelWords(tokens, probs, width, strategy);
  if (abbreviationScope > 0) words = consistentAbbreviationUnits(words, text, probs, width, scheme, abbreviationScope);
  return groupEntities(words, scheme, text);
}

/**
 * Word units relabelled by `propagateAbbreviations` (words are their text spans); a changed word's
 * score is its new label's probability at its first piece.
 */
export function consistentAbbreviationUnits(
  words: readonly LabelledUnit[],
  text: string,
  probs: Float32Array,
  width: number,
  scheme: LabelScheme,
  scope: number,
): LabelledUnit[] {
  const tags = propagateAbbreviations(words.map((w) => text.slice(w.start, w.end)), words.map((w) => scheme.labels[w.labelId]!), scope);
  return words.map((w, i) => {
    const labelId = scheme.labels.indexOf(tags[i]!);
    if (labelId === w.labelId || labelId < 0) return w;
    return { ...w, labelId, score: probs[w.tokenStart * width + labelId]! };
  });
}

/** Words labelled from their first pieces as the most likely BIO-consistent sequence; a word's score is its label's probability. */
export function viterbiWords(tokens: readonly TokenSpan[], probs: Float32Array, width: number, scheme: LabelScheme): LabelledUnit[] {
  const words = labelWords(tokens, probs, width, 'first');
  const logp = Float32Array.from(probs, (p) => Math.log(Math.max(p, 1e-30)));
  const path = bioViterbi(logp, width, scheme, words.map((w) => w.tokenStart));
  return words.map((w, i) => ({ ...w, labelId: path[i]!, score: probs[w.tokenStart * width + path[i]!]! }));
}
