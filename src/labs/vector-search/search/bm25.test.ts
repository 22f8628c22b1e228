// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Bm25Index, bm25Idf, bm25Tf } from './bm25';

describe('bm25Idf(N, n) and bm25Tf(tf, dl, avgdl)', () => {
  it('match the hand-computed values', () => {
    // ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln(1.6)
    expect(bm25Idf(3, 2)).toBeCloseTo(0.4700036292, 9);
    // ln(1 + (3 − 1 + 0.5) / 1.5) = ln(8/3)
    expect(bm25Idf(3, 1)).toBeCloseTo(0.9808292530, 9);
    // a term in every document still has a small positive idf: ln(1 + 0.5 / 3.5)
    expect(bm25Idf(3, 3)).toBeCloseTo(0.1335313926, 9);
    // tf = 2, |d| = 3, avgdl = 2: 2·2.2 / (2 + 1.2·(0.25 + 0.75·1.5)) = 4.4 / 3.65
    expect(bm25Tf(2, 3, 2)).toBeCloseTo(1.2054794521, 9);
    // |d| = avgdl, tf = 1: 2.2 / 2.2 = 1
    expect(bm25Tf(1, 2, 2)).toBe(1);
  });
});

describe('Bm25Index', () => {
  // Terms after analysis: [appl, appl, banana] (|d| = 3), [appl, cherri] (2), [banana] (1); avgdl = 2.
  const index = Bm25Index.build(['apple apple banana', 'apple cherry', 'banana']);

  it('scores documents with the hand-computed BM25 values', () => {
    const { hits } = index.search('apple', 10);
    expect(hits.map((h) => h.index)).toEqual([0, 1]);
    expect(hits[0]!.score).toBeCloseTo(0.4700036292 * 1.2054794521, 8);
    expect(hits[1]!.score).toBeCloseTo(0.4700036292, 8);
  });

  it('sums over query terms, counting a repeated query term twice', () => {
    // banana: n = 2, idf = ln 1.6. Doc 2: tf 1, |d| = 1: 2.2 / (1 + 1.2·(0.25 + 0.375)) = 2.2 / 1.75
    const banana = index.search('banana', 10).hits;
    expect(banana.map((h) => h.index)).toEqual([2, 0]);
    expect(banana[0]!.score).toBeCloseTo(0.4700036292 * (2.2 / 1.75), 8);
    const doubled = index.search('banana banana', 10).hits;
    expect(doubled[0]!.score).toBeCloseTo(2 * banana[0]!.score, 10);
    // banana in doc 0: tf 1, |d| = 3: 2.2 / (1 + 1.2·1.375) = 2.2 / 2.65
    const both = index.search('apple banana', 10).hits;
    expect(both[0]).toEqual({ index: 0, score: expect.closeTo(0.4700036292 * 1.2054794521 + 0.4700036292 * (2.2 / 2.65), 8) });
  });

  it('reports the matched query terms and ignores unknown ones', () => {
    const r = index.search('Apples and durians', 10);
    expect(r.matchedTerms).toEqual(['appl']);
    expect(index.search('durian', 10).hits).toEqual([]);
  });

  it('keeps only allowed documents when a filter is given', () => {
    expect(index.search('apple', 10, Uint8Array.from([0, 1, 1])).hits.map((h) => h.index)).toEqual([1]);
  });

  it('indexes Chinese by characters and bigrams', () => {
    const zh = Bm25Index.build(['糖尿病的症状', '高血压的治疗', 'diabetes symptoms']);
    expect(zh.search('糖尿病', 3).hits.map((h) => h.index)).toEqual([0]);
    expect(zh.docFreq('的')).toBe(2);
    expect(zh.search('Diabetic symptom', 3).hits.map((h) => h.index)).toEqual([2]);
  });

  it('counts document frequencies and lengths', () => {
    expect(index.docFreq('appl')).toBe(2);
    expect(index.docFreq('cherri')).toBe(1);
    expect(index.docLength(0)).toBe(3);
    expect(index.avgDocLength).toBe(2);
    expect(index.termCount).toBe(3);
  });

  it('handles an empty collection and rejects bad parameters', () => {
    expect(Bm25Index.build([]).search('x', 5).hits).toEqual([]);
    expect(() => Bm25Index.build(['a'], { params: { k1: 1.2, b: 2 } })).toThrow(RangeError);
  });
});
