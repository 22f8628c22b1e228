import { describe, expect, it } from 'vitest';
import { chunks, scoreTags } from './conlleval';

describe('chunks(tags)', () => {
  it('starts chunks at B-, at I- after O and at I- of another type', () => {
    expect(chunks(['B-D', 'I-D', 'O', 'I-D', 'I-C', 'B-C', 'B-C', 'I-C'])).toEqual([
      { start: 0, end: 2, type: 'D' },
      { start: 3, end: 4, type: 'D' },
      { start: 4, end: 5, type: 'C' },
      { start: 5, end: 6, type: 'C' },
      { start: 6, end: 8, type: 'C' },
    ]);
  });
  it('closes a chunk at the end of the sentence, and finds none in all-O', () => {
    expect(chunks(['O', 'B-D'])).toEqual([{ start: 1, end: 2, type: 'D' }]);
    expect(chunks(['O', 'O'])).toEqual([]);
    expect(chunks([])).toEqual([]);
  });
});

describe('scoreTags(gold, pred, types)', () => {
  // Sentence 1: gold D[0,2) C[3,4); pred D[0,2) (tp), C[3,5) (boundary: fp + fn)
  // Sentence 2: gold D[1,2); pred C[1,2) (type error: fp C, fn D), D[3,4) (fp)
  const gold = [['B-D', 'I-D', 'O', 'B-C', 'O'], ['O', 'B-D', 'O', 'O']];
  const pred = [['B-D', 'I-D', 'O', 'B-C', 'I-C'], ['O', 'B-C', 'O', 'I-D']];
  it('counts exact-span matches per type and overall (hand-computed)', () => {
    const s = scoreTags(gold, pred);
    // D: tp 1, predicted 2, gold 2 → P = R = F = 0.5; C: tp 0, predicted 2, gold 1
    expect(s.byType.D).toEqual({ tp: 1, predicted: 2, gold: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(s.byType.C).toEqual({ tp: 0, predicted: 2, gold: 1, precision: 0, recall: 0, f1: 0 });
    // overall: tp 1, predicted 4, gold 3 → P 0.25, R 1/3, F 2·(1/12)/(7/12) = 2/7
    expect(s.overall.tp).toBe(1);
    expect([s.overall.predicted, s.overall.gold]).toEqual([4, 3]);
    expect(s.overall.precision).toBe(0.25);
    expect(s.overall.recall).toBeCloseTo(1 / 3, 12);
    expect(s.overall.f1).toBeCloseTo(2 / 7, 12);
  });
  it('scores only the listed types when given (NCBI-disease: Disease only)', () => {
    const s = scoreTags(gold, pred, ['D', 'X']);
    expect(Object.keys(s.byType)).toEqual(['D', 'X']);
    expect(s.byType.X).toEqual({ tp: 0, predicted: 0, gold: 0, precision: 0, recall: 0, f1: 0 });
    expect(s.overall).toEqual(s.byType.D);
  });
  it('gives F1 1 for a perfect prediction and rejects mismatched corpora', () => {
    expect(scoreTags(gold, gold).overall.f1).toBe(1);
    expect(() => scoreTags(gold, pred.slice(1))).toThrow(RangeError);
  });
});
