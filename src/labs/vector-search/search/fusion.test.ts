// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { minMaxNormalize, reciprocalRankFusion, weightedScoreFusion } from './fusion';

const hits = (...pairs: [number, number][]) => pairs.map(([index, score]) => ({ index, score }));

describe('reciprocalRankFusion(lists, k)', () => {
  it('adds 1 / (k + rank) over the lists (hand-computed, k = 60)', () => {
    const bm25 = hits([7, 12.1], [3, 9.4], [5, 2.0]);
    const dense = hits([3, 0.91], [9, 0.88], [7, 0.5], [5, 0.4]);
    const fused = reciprocalRankFusion([bm25, dense]);
    // doc 3: 1/62 + 1/61; doc 7: 1/61 + 1/63; doc 5: 1/63 + 1/64; doc 9: 1/62
    expect(fused.map((h) => h.index)).toEqual([3, 7, 5, 9]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61 + 1 / 63, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 63 + 1 / 64, 12);
    expect(fused[3]).toEqual({ index: 9, score: 1 / 62, ranks: [null, 2] });
  });
  it('a document first in one list and 4th in another scores 1/61 + 1/64 (the stage-5 self-check)', () => {
    const fused = reciprocalRankFusion([hits([1, 5]), hits([2, 4], [3, 3], [4, 2], [1, 1])]);
    expect(fused.find((h) => h.index === 1)!.score).toBeCloseTo(1 / 61 + 1 / 64, 12);
  });
  it('limits the output and breaks ties by index', () => {
    expect(reciprocalRankFusion([hits([5, 1]), hits([2, 1])], 60, 1)).toEqual([{ index: 2, score: 1 / 61, ranks: [null, 1] }]);
  });
});

describe('minMaxNormalize(scores)', () => {
  it('maps the minimum to 0 and the maximum to 1', () => {
    expect(minMaxNormalize([2, 4, 3])).toEqual([0, 1, 0.5]);
    expect(minMaxNormalize([5, 5])).toEqual([1, 1]);
    expect(minMaxNormalize([])).toEqual([]);
  });
});

describe('weightedScoreFusion(lists)', () => {
  it('combines min-max normalised scores with the weights (hand-computed)', () => {
    const dense = hits([1, 0.9], [2, 0.7], [3, 0.5]); // → 1, 0.5, 0
    const bm25 = hits([3, 10], [4, 6], [1, 2]); // → 1, 0.5, 0
    const fused = weightedScoreFusion([
      { hits: dense, weight: 0.7 },
      { hits: bm25, weight: 0.3 },
    ]);
    expect(fused.map((h) => [h.index, Number(h.score.toFixed(10))])).toEqual([
      [1, 0.7],
      [2, 0.35],
      [3, 0.3],
      [4, 0.15],
    ]);
    expect(fused[0]!.ranks).toEqual([1, 3]);
  });
  it('rejects negative weights', () => {
    expect(() => weightedScoreFusion([{ hits: [], weight: -1 }])).toThrow(RangeError);
  });
});
