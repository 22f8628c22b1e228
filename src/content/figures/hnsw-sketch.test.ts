import { describe, expect, it } from 'vitest';
import { bruteForceNearest, buildSketch, greedySearch, levelFor, nearestNeighbourGraph, seededRandom, type HnswSketch } from './hnsw-sketch';

const line = (xs: number[]) => xs.map((x) => ({ x, y: 0 }));

describe('seededRandom', () => {
  it('seededRandom(seed) repeats the same sequence for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
});

describe('levelFor', () => {
  it('levelFor(u, 1) is ⌊−ln u⌋', () => {
    expect(levelFor(1, 1)).toBe(0);
    expect(levelFor(Math.exp(-0.5), 1)).toBe(0);
    expect(levelFor(Math.exp(-1.5), 1)).toBe(1);
    expect(levelFor(Math.exp(-2.5), 1)).toBe(2);
  });

  it('levelFor scales with mL', () => {
    expect(levelFor(Math.exp(-1.5), 2)).toBe(3);
  });

  it('levelFor rejects u outside (0, 1] and a non-positive mL', () => {
    expect(() => levelFor(0, 1)).toThrow('invalid u');
    expect(() => levelFor(1.2, 1)).toThrow('invalid u');
    expect(() => levelFor(0.5, 0)).toThrow('invalid mL');
  });
});

describe('nearestNeighbourGraph', () => {
  it('nearestNeighbourGraph(points on 0,1,3,7; m=1) links each to its nearest, both ways', () => {
    const g = nearestNeighbourGraph(line([0, 1, 3, 7]), [0, 1, 2, 3], 1);
    expect(Object.fromEntries(g)).toEqual({ 0: [1], 1: [0, 2], 2: [1, 3], 3: [2] });
  });

  it('nearestNeighbourGraph only links the given members', () => {
    const g = nearestNeighbourGraph(line([0, 1, 3, 7]), [0, 3], 2);
    expect(Object.fromEntries(g)).toEqual({ 0: [3], 3: [0] });
  });

  it('nearestNeighbourGraph rejects m < 1', () => {
    expect(() => nearestNeighbourGraph(line([0]), [0], 0)).toThrow('invalid m');
  });
});

describe('buildSketch', () => {
  it('buildSketch puts every node on layer 0 and starts at the first highest node', () => {
    const us = [0.9, 0.2, 0.9, 0.01, 0.6];
    let k = 0;
    const random = () => us[k++] ?? Number.NaN;
    const sketch = buildSketch(line([0, 1, 2, 3, 4]), 2, 5, random);
    const mL = 1 / Math.log(2);
    expect(sketch.levels).toEqual(us.map((u) => levelFor(1 - u, mL)));
    expect(sketch.levels).toEqual([3, 0, 3, 0, 1]);
    expect(sketch.entry).toBe(0);
    expect(sketch.layers).toHaveLength(4);
    expect([...(sketch.layers[0]?.keys() ?? [])].sort()).toEqual([0, 1, 2, 3, 4]);
    expect([...(sketch.layers[3]?.keys() ?? [])].sort()).toEqual([0, 2]);
  });

  it('buildSketch caps levels at maxLevel', () => {
    const sketch = buildSketch(line([0, 1]), 2, 1, () => 0.999);
    expect(sketch.levels).toEqual([1, 1]);
    expect(sketch.layers).toHaveLength(2);
  });
});

describe('greedySearch', () => {
  it('greedySearch descends from the entry and walks layer 0 towards the query', () => {
    const points = line([0, 1, 2, 3, 4]);
    const sketch: HnswSketch = {
      levels: [0, 0, 0, 0, 1],
      layers: [nearestNeighbourGraph(points, [0, 1, 2, 3, 4], 1), new Map([[4, []]])],
      entry: 4,
    };
    expect(greedySearch(points, sketch, { x: 0.2, y: 0 })).toEqual([[4], [4, 3, 2, 1, 0]]);
  });

  it('greedySearch uses the upper layer to skip ahead', () => {
    const points = line([0, 1, 2, 3, 4, 5, 6]);
    const sketch: HnswSketch = {
      levels: [1, 0, 0, 0, 0, 0, 1],
      layers: [nearestNeighbourGraph(points, [0, 1, 2, 3, 4, 5, 6], 1), nearestNeighbourGraph(points, [0, 6], 1)],
      entry: 0,
    };
    expect(greedySearch(points, sketch, { x: 5.4, y: 0 })).toEqual([[0, 6], [6, 5]]);
  });

  it('greedySearch stops at a local minimum when no neighbour is closer', () => {
    const points = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 5, y: 0 }];
    const sketch: HnswSketch = { levels: [0, 0, 0], layers: [new Map([[0, [1]], [1, [0]], [2, []]])], entry: 0 };
    expect(greedySearch(points, sketch, { x: 5, y: 0 })).toEqual([[0, 1]]);
  });
});

describe('bruteForceNearest', () => {
  it('bruteForceNearest finds the closest point, where greedy search was stuck', () => {
    const points = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 5, y: 0 }];
    expect(bruteForceNearest(points, { x: 5, y: 0 })).toBe(2);
    expect(bruteForceNearest(points, { x: 0.4, y: 3 })).toBe(0);
  });

  it('bruteForceNearest rejects an empty point set', () => {
    expect(() => bruteForceNearest([], { x: 0, y: 0 })).toThrow('no points');
  });
});
