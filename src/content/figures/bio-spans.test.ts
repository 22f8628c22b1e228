import { describe, expect, it } from 'vitest';
import { bioSpans, entityScores, type EntitySpan } from './bio-spans';

// BC5CDR training sentence: "Selegiline - induced postural hypotension in Parkinson ' s disease"
const gold = ['B-Chemical', 'O', 'O', 'B-Disease', 'I-Disease', 'O', 'B-Disease', 'I-Disease', 'I-Disease', 'I-Disease'];

describe('bioSpans', () => {
  it('bioSpans reads the three entities of the BC5CDR example', () => {
    expect(bioSpans(gold)).toEqual([
      { type: 'Chemical', start: 0, end: 1 },
      { type: 'Disease', start: 3, end: 5 },
      { type: 'Disease', start: 6, end: 10 },
    ]);
  });

  it('bioSpans splits adjacent entities at every B- tag', () => {
    expect(bioSpans(['B-Disease', 'B-Disease', 'I-Disease'])).toEqual([
      { type: 'Disease', start: 0, end: 1 },
      { type: 'Disease', start: 1, end: 3 },
    ]);
  });

  it('bioSpans starts a span at an I- tag after O or after another type, like conlleval', () => {
    expect(bioSpans(['O', 'I-Disease', 'I-Disease', 'I-Chemical'])).toEqual([
      { type: 'Disease', start: 1, end: 3 },
      { type: 'Chemical', start: 3, end: 4 },
    ]);
  });

  it('bioSpans of an all-O or empty sequence is empty, and it rejects unknown tags', () => {
    expect(bioSpans(['O', 'O'])).toEqual([]);
    expect(bioSpans([])).toEqual([]);
    expect(() => bioSpans(['O', 'X-Disease'])).toThrow('invalid tag at 1: X-Disease');
    expect(() => bioSpans(['B-'])).toThrow(RangeError);
  });
});

describe('entityScores', () => {
  it('a boundary error counts as one false positive and one false negative', () => {
    const predicted = bioSpans(['B-Chemical', 'O', 'O', 'O', 'B-Disease', 'O', 'B-Disease', 'I-Disease', 'I-Disease', 'I-Disease']);
    const s = entityScores(bioSpans(gold), predicted);
    expect([s.tp, s.fp, s.fn]).toEqual([2, 1, 1]);
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    expect(s.f1).toBeCloseTo(2 / 3, 12);
  });

  it('the lesson example: 10 gold, 9 predicted, 7 exact gives P 7/9, R 7/10, F1 14/19', () => {
    const goldSpans: EntitySpan[] = Array.from({ length: 10 }, (_, i) => ({ type: 'Disease', start: 3 * i, end: 3 * i + 2 }));
    const predicted: EntitySpan[] = [
      ...goldSpans.slice(0, 7),
      { type: 'Disease', start: 22, end: 23 },
      { type: 'Chemical', start: 24, end: 26 },
    ];
    const s = entityScores(goldSpans, predicted);
    expect([s.tp, s.fp, s.fn]).toEqual([7, 2, 3]);
    expect(s.precision).toBeCloseTo(7 / 9, 12);
    expect(s.recall).toBeCloseTo(0.7, 12);
    expect(s.f1).toBeCloseTo(14 / 19, 12);
  });

  it('a right span with the wrong type does not count', () => {
    const s = entityScores([{ type: 'Disease', start: 0, end: 2 }], [{ type: 'Chemical', start: 0, end: 2 }]);
    expect([s.tp, s.fp, s.fn, s.f1]).toEqual([0, 1, 1, 0]);
  });

  it('no predictions and no gold give zeros, not NaN', () => {
    expect(entityScores([], [])).toEqual({ tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
    expect(entityScores(bioSpans(gold), []).recall).toBe(0);
  });
});
