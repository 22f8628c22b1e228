// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fitScales, nearestInDirection, pointNear, pointTree, pointsByCategory, rowToPoint } from './map-geometry';

describe('map geometry', () => {
  const coords = Float32Array.from([0, 0, 10, 0, 10, 5, 3, 4]);
  it('fitScales keeps the aspect ratio and fits the box', () => {
    const { x, y } = fitScales(coords, 200, 100, 10);
    // span 10 on the x axis into an 80-px square centred in 200 × 100
    expect(x(0)).toBeCloseTo(60);
    expect(x(10)).toBeCloseTo(140);
    expect(y(2.5)).toBeCloseTo(50);
    expect(y(5)).toBeLessThan(y(0));
  });
  it('pointNear finds the nearest point within a radius', () => {
    const tree = pointTree(coords);
    expect(pointNear(tree, 9.6, 4.7, 1)).toBe(2);
    expect(pointNear(tree, 5, 2, 0.5)).toBeNull();
  });
  it('pointsByCategory and rowToPoint', () => {
    expect(pointsByCategory(Uint16Array.from([1, 0, 1, 2]), 4)).toEqual([[1], [0, 2], [3]]);
    expect(pointsByCategory(null, 3)).toEqual([[0, 1, 2]]);
    expect([...rowToPoint(Int32Array.from([5, 9]))]).toEqual([
      [5, 0],
      [9, 1],
    ]);
  });
  it('nearestInDirection steps to the nearest point inside the 90° cone of an arrow key', () => {
    // points: 0 (0,0), 1 (10,0), 2 (10,5), 3 (3,4)
    expect(nearestInDirection(coords, 0, 1, 0)).toBe(1); // 3 lies at 53° from the x axis: outside the cone
    expect(nearestInDirection(coords, 0, 0, 1)).toBe(3); // (3,4): across 3 ≤ along 4
    expect(nearestInDirection(coords, 1, 0, 1)).toBe(2);
    expect(nearestInDirection(coords, 2, -1, 0)).toBe(3); // (−7,−1) from point 2: along 7, across 1
    expect(nearestInDirection(coords, 1, 1, 0)).toBeNull();
    expect(nearestInDirection(coords, 0, 0, -1)).toBeNull();
    // from 3 both 2 at (7,1) and 1 at (7,−4) lie in the cone (across 1 and 4 ≤ along 7): the nearer one wins
    expect(nearestInDirection(coords, 3, 1, 0)).toBe(2);
  });
  it('nearestInDirection refuses an unknown point or a zero direction', () => {
    expect(() => nearestInDirection(coords, 4, 1, 0)).toThrow(RangeError);
    expect(() => nearestInDirection(coords, 0, 0, 0)).toThrow(RangeError);
  });
});
