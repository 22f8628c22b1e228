import { describe, expect, it } from 'vitest';
import { decodeEntities, labelWords } from './entity-spans';
import { labelScheme } from './label-scheme';
import type { TokenSpan } from './offset-tokenizer';
import { mergeWindows, planWindows } from './windows';

const scheme = labelScheme({ 0: 'O', 1: 'B-Disease', 2: 'I-Disease', 3: 'B-Chemical', 4: 'I-Chemical' });
const LABELS = ['O', 'B-Disease', 'I-Disease', 'B-Chemical', 'I-Chemical'];

/** Tokens from `[piece, start, end]`; `##` pieces continue the previous word. */
function tokens(text: string, pieces: [string, number, number][]): TokenSpan[] {
  let word = -1;
  return pieces.map(([token, start, end], id) => {
    const continuation = token.startsWith('##');
    if (!continuation) word++;
    expect(text.slice(start, end)).toBe(token.replace(/^##/, ''));
    return { id, token, start, end, word, continuation };
  });
}

/** A probability row putting `p` on `label` and the rest evenly on the others. */
function row(label: string, p: number): number[] {
  return LABELS.map((l) => (l === label ? p : (1 - p) / (LABELS.length - 1)));
}
const probs = (...rows: number[][]) => Float32Array.from(rows.flat());
const brief = (es: { type: string; start: number; end: number; text: string; score: number }[]) =>
  es.map((e) => [e.type, e.start, e.end, e.text, +e.score.toFixed(4)]);

// "aspirin asthma": aspirin = as ##pir ##in
const text = 'aspirin asthma';
const toks = tokens(text, [['as', 0, 2], ['##pir', 2, 5], ['##in', 5, 7], ['asthma', 8, 14]]);
const split = probs(row('B-Chemical', 0.9), row('I-Chemical', 0.5), row('O', 0.6), row('B-Disease', 0.8));

describe('decodeEntities(text, tokens, probs, scheme, strategy) on a word split into pieces', () => {
  it('first: the word takes its first piece\'s label', () => {
    expect(brief(decodeEntities(text, toks, split, scheme, 'first'))).toEqual([
      ['Chemical', 0, 7, 'aspirin', 0.9],
      ['Disease', 8, 14, 'asthma', 0.8],
    ]);
  });
  it('viterbi: words from their first piece, as one BIO-consistent sequence', () => {
    // "renal failure": argmax per word O (.5), I-Disease (.55) — Viterbi: B-Disease (.3) I-Disease (.55), .165 > O B .15
    const t2 = 'renal failure';
    const ws = tokens(t2, [['renal', 0, 5], ['failure', 6, 13]]);
    const p = probs([0.5, 0.3, 0.1, 0.05, 0.05], [0.05, 0.3, 0.55, 0.05, 0.05]);
    expect(brief(decodeEntities(t2, ws, p, scheme, 'viterbi'))).toEqual([['Disease', 0, 13, 'renal failure', 0.425]]);
    expect(brief(decodeEntities(t2, ws, p, scheme, 'first'))).toEqual([['Disease', 6, 13, 'failure', 0.55]]);
    // a consistent first-piece labelling is kept as it is
    expect(brief(decodeEntities(text, toks, split, scheme, 'viterbi'))).toEqual(brief(decodeEntities(text, toks, split, scheme, 'first')));
  });
  it('abbreviationScope: "Fever (FV) ... FV" labels both FVs like fever, with their own probabilities as scores', () => {
    const t3 = 'Fever (FV) and FV';
    const ws = tokens(t3, [['Fever', 0, 5], ['(', 6, 7], ['FV', 7, 9], [')', 9, 10], ['and', 11, 14], ['FV', 15, 17]]);
    const p = probs(row('B-Disease', 0.9), row('O', 0.9), row('O', 0.6), row('O', 0.9), row('O', 0.9), row('O', 0.7));
    expect(brief(decodeEntities(t3, ws, p, scheme, 'viterbi'))).toEqual([['Disease', 0, 5, 'Fever', 0.9]]);
    expect(brief(decodeEntities(t3, ws, p, scheme, 'viterbi', { abbreviationScope: 10 }))).toEqual([
      ['Disease', 0, 5, 'Fever', 0.9],
      ['Disease', 7, 9, 'FV', 0.1],
      ['Disease', 15, 17, 'FV', 0.075],
    ]);
    // beyond the scope (the second FV is 4 words after "("), and for token-level strategies, nothing changes
    expect(brief(decodeEntities(t3, ws, p, scheme, 'first', { abbreviationScope: 3 })).map((e) => e[3])).toEqual(['Fever', 'FV']);
    expect(brief(decodeEntities(t3, ws, p, scheme, 'simple', { abbreviationScope: 10 })).map((e) => e[3])).toEqual(['Fever']);
  });
  it('average: the word takes the argmax of its pieces\' mean distribution', () => {
    // mean: O (0.025+0.125+0.6)/3 = 0.25, B-Chemical (0.9+0.125+0.1)/3 = 0.375, I-Chemical (0.025+0.5+0.1)/3 ≈ 0.2083
    expect(brief(decodeEntities(text, toks, split, scheme, 'average'))[0]).toEqual(['Chemical', 0, 7, 'aspirin', 0.375]);
  });
  it('max: the word takes the label of its most confident piece', () => {
    const p = probs(row('B-Chemical', 0.5), row('O', 0.95), row('I-Chemical', 0.6), row('O', 0.9));
    expect(brief(decodeEntities(text, toks, p, scheme, 'max'))).toEqual([]);
    expect(brief(decodeEntities(text, toks, p, scheme, 'first'))).toEqual([['Chemical', 0, 7, 'aspirin', 0.5]]);
  });
  it('simple: pieces are grouped by their own tags, so an O piece cuts the word', () => {
    expect(brief(decodeEntities(text, toks, split, scheme, 'simple'))).toEqual([
      ['Chemical', 0, 5, 'aspir', 0.7],
      ['Disease', 8, 14, 'asthma', 0.8],
    ]);
  });
  it('none: every tagged piece is its own entity with its full label', () => {
    const es = decodeEntities(text, toks, split, scheme, 'none');
    expect(es.map((e) => [e.label, e.type, e.text])).toEqual([
      ['B-Chemical', 'Chemical', 'as'],
      ['I-Chemical', 'Chemical', 'pir'],
      ['B-Disease', 'Disease', 'asthma'],
    ]);
  });
});

describe('decodeEntities: BIO grouping (conlleval semantics)', () => {
  const t = 'renal failure gout lead';
  const ws = tokens(t, [['renal', 0, 5], ['failure', 6, 13], ['gout', 14, 18], ['lead', 19, 23]]);
  it('keeps two adjacent entities apart when the second starts with B-', () => {
    const p = probs(row('B-Disease', 0.9), row('I-Disease', 0.7), row('B-Disease', 0.8), row('B-Chemical', 0.6));
    expect(brief(decodeEntities(t, ws, p, scheme, 'first'))).toEqual([
      ['Disease', 0, 13, 'renal failure', 0.8],
      ['Disease', 14, 18, 'gout', 0.8],
      ['Chemical', 19, 23, 'lead', 0.6],
    ]);
  });
  it('starts a new entity at an I- after O, and at an I- of another type', () => {
    const p = probs(row('O', 0.9), row('I-Disease', 0.7), row('I-Disease', 0.5), row('I-Chemical', 0.6));
    expect(brief(decodeEntities(t, ws, p, scheme, 'first'))).toEqual([
      ['Disease', 6, 18, 'failure gout', 0.6],
      ['Chemical', 19, 23, 'lead', 0.6],
    ]);
  });
  it('reads an entity that ends the text and one that crosses a window boundary', () => {
    // 10 words; windows of 4 tokens; edge positions of a window get wrong labels, the central ones right
    const words = 'a b c d e f g h i j';
    const wt = tokens(words, words.split(' ').map((w, i) => [w, 2 * i, 2 * i + 1] as [string, number, number]));
    const truth = ['O', 'O', 'O', 'B-Disease', 'I-Disease', 'O', 'O', 'O', 'B-Chemical', 'I-Chemical'];
    const plan = planWindows(10, 4);
    const rows = plan.windows.map(({ start, end }) =>
      Float32Array.from(Array.from({ length: end - start }, (_, i) => {
        const k = start + i;
        return plan.source[k] === plan.windows.findIndex((w) => w.start === start) ? row(truth[k]!, 0.9) : row('O', 0.99);
      }).flat()),
    );
    const merged = mergeWindows(plan, rows, LABELS.length);
    expect(brief(decodeEntities(words, wt, merged, scheme, 'first'))).toEqual([
      ['Disease', 6, 9, 'd e', 0.9],
      ['Chemical', 16, 19, 'i j', 0.9],
    ]);
  });
});

describe('decodeEntities with labels that are not BIO', () => {
  it('returns the tokens one by one with their labels, whatever the strategy', () => {
    const flat = labelScheme({ 0: 'LABEL_0', 1: 'LABEL_1' });
    const es = decodeEntities(text, toks, probs([0.2, 0.8], [0.7, 0.3], [0.4, 0.6], [0.9, 0.1]), flat, 'first');
    expect(es.map((e) => [e.type, e.text])).toEqual([['LABEL_1', 'as'], ['LABEL_0', 'pir'], ['LABEL_1', 'in'], ['LABEL_0', 'asthma']]);
  });
});

describe('labelWords(tokens, probs, width, strategy)', () => {
  it('gives one unit per word spanning its pieces', () => {
    expect(labelWords(toks, split, 5, 'first').map((w) => [w.start, w.end, w.tokenStart, w.tokenEnd])).toEqual([
      [0, 7, 0, 3],
      [8, 14, 3, 4],
    ]);
  });
  it('rejects probabilities of the wrong shape', () => {
    expect(() => labelWords(toks, new Float32Array(3), 5, 'first')).toThrow(/4 × 5/);
  });
});
