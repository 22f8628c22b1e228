// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exactSearch } from './exact-search';
import { gaussian, mulberry32 } from './rng';
import { rowNorms, vectorSet, type Metric } from './vector-set';

/** The reference: score every row with plain loops, sort everything. */
function bruteForce(data: number[][], q: number[], k: number, metric: Metric, allow?: number[]) {
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
  const norm = (a: number[]) => Math.sqrt(dot(a, a));
  const scored = data.map((r, index) => {
    if (metric === 'dot') return { index, score: dot(r, q) };
    if (metric === 'cosine') return { index, score: dot(r, q) / (norm(r) * norm(q)) };
    return { index, score: Math.sqrt(r.reduce((s, x, i) => s + (x - q[i]!) ** 2, 0)) };
  });
  return scored
    .filter((h) => !allow || allow[h.index] === 1)
    .sort((a, b) => (metric === 'l2' ? a.score - b.score : b.score - a.score) || a.index - b.index)
    .slice(0, k);
}

function randomRows(n: number, dim: number, seed: number): number[][] {
  const g = gaussian(mulberry32(seed));
  return Array.from({ length: n }, () => Array.from({ length: dim }, g));
}

describe('exactSearch(set, query, k, metric)', () => {
  it('finds the hand-checked nearest rows for each metric', () => {
    const set = vectorSet(Float32Array.from([1, 0, 0, 1, 3, 3, -1, 0]), 2);
    const q = Float32Array.from([1, 0.1]);
    expect(exactSearch(set, q, 2, 'dot').map((h) => h.index)).toEqual([2, 0]);
    expect(exactSearch(set, q, 2, 'cosine').map((h) => h.index)).toEqual([0, 2]);
    const l2 = exactSearch(set, q, 2, 'l2');
    expect(l2.map((h) => h.index)).toEqual([0, 1]);
    expect(l2[0]!.score).toBeCloseTo(0.1, 6);
  });

  for (const metric of ['cosine', 'dot', 'l2'] as const) {
    it(`matches brute force on random data (${metric})`, () => {
      const rows = randomRows(400, 24, 3);
      const set = vectorSet(Float32Array.from(rows.flat()), 24);
      for (const q of randomRows(10, 24, 4)) {
        const got = exactSearch(set, Float32Array.from(q), 15, metric, { norms: rowNorms(set) });
        const want = bruteForce(rows, Array.from(Float32Array.from(q)), 15, metric);
        expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 4));
      }
    });
  }

  it('returns only allowed rows when a filter is given', () => {
    const rows = randomRows(100, 8, 5);
    const set = vectorSet(Float32Array.from(rows.flat()), 8);
    const allow = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const q = randomRows(1, 8, 6)[0]!;
    const got = exactSearch(set, Float32Array.from(q), 5, 'cosine', { allow: Uint8Array.from(allow) });
    expect(got.map((h) => h.index)).toEqual(bruteForce(rows, Array.from(Float32Array.from(q)), 5, 'cosine', allow).map((h) => h.index));
  });

  it('returns fewer hits when k exceeds the collection, none for an empty one', () => {
    const set = vectorSet(Float32Array.from([1, 0, 0, 1]), 2);
    expect(exactSearch(set, Float32Array.from([1, 0]), 10, 'dot')).toHaveLength(2);
    expect(exactSearch(vectorSet(new Float32Array(0), 2), Float32Array.from([1, 0]), 3, 'dot')).toEqual([]);
  });

  it('rejects a query of the wrong dimension', () => {
    const set = vectorSet(Float32Array.from([1, 0]), 2);
    expect(() => exactSearch(set, Float32Array.from([1, 0, 0]), 1, 'dot')).toThrow(/3 dimensions/);
  });
});
