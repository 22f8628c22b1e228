// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DistHeap } from './dist-heap';
import { mulberry32 } from './rng';

describe('DistHeap', () => {
  it('pops keys in ascending order and grows past its initial capacity', () => {
    const random = mulberry32(9);
    const heap = new DistHeap(2);
    const keys = Array.from({ length: 300 }, () => random());
    keys.forEach((k, i) => heap.push(i, k));
    const out: number[] = [];
    while (heap.size > 0) {
      out.push(heap.topKey);
      heap.pop();
    }
    expect(out).toEqual([...keys].sort((a, b) => a - b));
  });
  it('keeps ids with their keys', () => {
    const heap = new DistHeap();
    heap.push(7, 3);
    heap.push(8, 1);
    heap.push(9, 2);
    expect([heap.topId, heap.topKey]).toEqual([8, 1]);
    heap.pop();
    expect([heap.topId, heap.topKey]).toEqual([9, 2]);
  });
});
