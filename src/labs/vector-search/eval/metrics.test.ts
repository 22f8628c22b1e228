// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dcgAtK, documentRanking, meanScores, ndcgAtK, recallAtK, reciprocalRankAtK } from './metrics';

const j = (pairs: Record<string, number>) => new Map(Object.entries(pairs));

describe('dcgAtK / ndcgAtK', () => {
  it('dcgAtK([3, 2, 3, 0, 1, 2], 6) is the textbook value 6.861', () => {
    // 3 + 2/log2 3 + 3/2 + 0 + 1/log2 6 + 2/log2 7
    expect(dcgAtK([3, 2, 3, 0, 1, 2], 6)).toBeCloseTo(3 + 2 / Math.log2(3) + 1.5 + 1 / Math.log2(6) + 2 / Math.log2(7), 12);
    expect(dcgAtK([3, 2, 3, 0, 1, 2], 6)).toBeCloseTo(6.8611, 4);
  });
  it('ndcgAtK: one of two relevant documents at rank 2', () => {
    // DCG = 1/log2 3 = 0.63093; IDCG = 1 + 1/log2 3 = 1.63093; nDCG = 0.38685
    expect(ndcgAtK(['x', 'a', 'y'], j({ a: 1, b: 1 }), 10)).toBeCloseTo(0.3868528072, 9);
  });
  it('ndcgAtK is 1 for the ideal order and cuts at k', () => {
    expect(ndcgAtK(['a', 'b'], j({ a: 2, b: 1 }), 10)).toBe(1);
    expect(ndcgAtK(['x', 'a'], j({ a: 1 }), 1)).toBe(0);
  });
  it('ndcgAtK with graded relevance uses linear gains', () => {
    // ranking b (1), a (2): DCG = 1 + 2/log2 3; IDCG = 2 + 1/log2 3
    expect(ndcgAtK(['b', 'a'], j({ a: 2, b: 1 }), 10)).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)), 12);
  });
  it('ndcgAtK is 0 without relevant judgments; ignores a non-relevant (0) judgment', () => {
    expect(ndcgAtK(['a'], j({ a: 0 }), 10)).toBe(0);
  });
});

describe('recallAtK / reciprocalRankAtK', () => {
  it('recall counts relevant documents found in the top k', () => {
    const judged = j({ a: 1, b: 1, c: 1, d: 0 });
    expect(recallAtK(['d', 'a', 'x', 'c'], judged, 10)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(['d', 'a', 'x', 'c'], judged, 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(['a', 'a'], judged, 10)).toBeCloseTo(1 / 3, 12);
  });
  it('reciprocal rank of the first relevant document within k', () => {
    expect(reciprocalRankAtK(['x', 'y', 'b'], j({ b: 1 }), 10)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRankAtK(['x', 'y', 'b'], j({ b: 1 }), 2)).toBe(0);
  });
  it('rejects k < 1', () => {
    expect(() => recallAtK([], j({}), 0)).toThrow(RangeError);
  });
});

describe('meanScores(rankings, qrels)', () => {
  it('averages over queries with a relevant document, a missing ranking scoring 0', () => {
    const qrels = new Map([
      ['q1', j({ a: 1 })],
      ['q2', j({ b: 1 })],
      ['q3', j({ c: 0 })],
    ]);
    const s = meanScores(new Map([['q1', ['a']]]), qrels);
    expect(s).toEqual({ ndcg10: 0.5, recall10: 0.5, recall100: 0.5, mrr10: 0.5, queries: 2 });
  });
});

describe('documentRanking(chunks, docIdOf)', () => {
  it('keeps each document at the rank of its best chunk', () => {
    const docOf = ['d1', 'd1', 'd2', 'd3'];
    expect(documentRanking([1, 0, 3, 2, 1], (c) => docOf[c]!)).toEqual(['d1', 'd3', 'd2']);
  });
});
