import { describe, expect, it } from 'vitest';
import { chunks } from './conlleval';
import { corpusErrors, countErrors, sentenceErrors } from './span-errors';

const c = (start: number, end: number, type: string) => ({ start, end, type });

describe('sentenceErrors(gold, pred)', () => {
  it('sorts mistakes into false positives, false negatives, boundary and type errors', () => {
    const gold = [c(0, 2, 'D'), c(4, 5, 'C'), c(7, 8, 'D'), c(10, 12, 'D')];
    const pred = [c(0, 2, 'D'), c(3, 5, 'C'), c(7, 8, 'C'), c(14, 15, 'D')];
    expect(sentenceErrors(gold, pred, 3)).toEqual([
      { kind: 'boundary', sentence: 3, gold: c(4, 5, 'C'), pred: c(3, 5, 'C') },
      { kind: 'type', sentence: 3, gold: c(7, 8, 'D'), pred: c(7, 8, 'C') },
      { kind: 'false-positive', sentence: 3, gold: null, pred: c(14, 15, 'D') },
      { kind: 'false-negative', sentence: 3, gold: c(10, 12, 'D'), pred: null },
    ]);
  });
  it('sets a prediction against the gold entity it overlaps most; a gold split in two is two boundary errors', () => {
    const gold = [c(0, 2, 'D'), c(2, 6, 'D')];
    expect(sentenceErrors(gold, [c(1, 5, 'D')]).map((e) => [e.kind, e.gold])).toEqual([
      ['boundary', c(2, 6, 'D')],
      ['false-negative', c(0, 2, 'D')],
    ]);
    expect(sentenceErrors([c(0, 4, 'D')], [c(0, 2, 'D'), c(2, 4, 'D')]).map((e) => e.kind)).toEqual(['boundary', 'boundary']);
  });
  it('finds no mistakes in a perfect prediction', () => {
    expect(sentenceErrors([c(0, 1, 'D')], [c(0, 1, 'D')])).toEqual([]);
  });
});

describe('corpusErrors(gold, pred) / countErrors(errors)', () => {
  it('counts each kind over sentences', () => {
    const gold = [chunks(['B-D', 'I-D', 'O']), chunks(['O', 'B-C'])];
    const pred = [chunks(['B-D', 'O', 'B-C']), chunks(['O', 'O'])];
    expect(countErrors(corpusErrors(gold, pred))).toEqual({ 'false-positive': 1, 'false-negative': 1, boundary: 1, type: 0 });
  });
});
