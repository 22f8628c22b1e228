// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './rng';
import { TopKHeap } from './top-k-heap';

describe('TopKHeap', () => {
  it('sorted() keeps the k highest priorities, best first', () => {
    const heap = new TopKHeap(3);
    [0.2, 0.9, 0.1, 0.5, 0.7, 0.3].forEach((p, i) => heap.push(i, p));
    expect(heap.sorted()).toEqual([
      { index: 1, score: 0.9 },
      { index: 4, score: 0.7 },
      { index: 3, score: 0.5 },
    ]);
  });

  it('ties keep the smaller index, whatever the insertion order', () => {
    const a = new TopKHeap(2);
    [5, 1, 3].forEach((i) => a.push(i, 1));
    expect(a.sorted().map((h) => h.index)).toEqual([1, 3]);
  });

  it('threshold is -Infinity until full, then the lowest kept priority', () => {
    const heap = new TopKHeap(2);
    heap.push(0, 4);
    expect(heap.threshold).toBe(-Infinity);
    heap.push(1, 2);
    expect(heap.threshold).toBe(2);
    heap.push(2, 3);
    expect(heap.threshold).toBe(3);
  });

  it('agrees with a full sort on random data', () => {
    const random = mulberry32(7);
    const values = Array.from({ length: 500 }, () => Math.round(random() * 50));
    const heap = new TopKHeap(25);
    values.forEach((v, i) => heap.push(i, v));
    const expected = values.map((v, i) => ({ index: i, score: v })).sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 25);
    expect(heap.sorted()).toEqual(expected);
  });

  it('rejects k < 1', () => {
    expect(() => new TopKHeap(0)).toThrow(RangeError);
  });
});
