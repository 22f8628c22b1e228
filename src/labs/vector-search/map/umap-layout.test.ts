// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../search/rng';
import { vectorSet } from '../search/vector-set';
import { UmapRun } from './umap-layout';

/** Three well separated clusters of 60 points in 16-d. */
function clusters() {
  const g = gaussian(mulberry32(4));
  const dim = 16;
  const data = new Float32Array(180 * dim);
  for (let i = 0; i < 180; i++) for (let j = 0; j < dim; j++) data[i * dim + j] = (j === Math.floor(i / 60) ? 10 : 0) + g() * 0.5;
  return vectorSet(data, dim);
}

const centroid = (coords: Float32Array, from: number, to: number) => {
  let x = 0;
  let y = 0;
  for (let i = from; i < to; i++) {
    x += coords[2 * i]!;
    y += coords[2 * i + 1]!;
  }
  return [x / (to - from), y / (to - from)] as const;
};
const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

describe('UmapRun', { timeout: 120_000 }, () => {
  it('separates clusters, runs stepwise, and places a new point near its cluster', () => {
    const set = clusters();
    const run = new UmapRun(set, { seed: 1, nEpochs: 200, nNeighbors: 10 });
    expect(run.initialize()).toBe(201);
    expect(run.step(100)).toBe(100);
    run.step(101);
    const { coords, rows } = run.layout();
    expect(rows.length).toBe(180);
    const c = [centroid(coords, 0, 60), centroid(coords, 60, 120), centroid(coords, 120, 180)];
    let spread = 0;
    for (let i = 0; i < 60; i++) spread = Math.max(spread, dist([coords[2 * i]!, coords[2 * i + 1]!], c[0]!));
    expect(dist(c[0]!, c[1]!)).toBeGreaterThan(spread);
    expect(dist(c[1]!, c[2]!)).toBeGreaterThan(spread);
    const p = run.transform(set.data.subarray(70 * 16, 71 * 16));
    const nearest = c.map((x) => dist(p, x)).indexOf(Math.min(...c.map((x) => dist(p, x))));
    expect(nearest).toBe(1);
  });

  it('samples large collections and refuses tiny ones', () => {
    const set = clusters();
    expect(new UmapRun(set, { maxPoints: 50 }).rows.length).toBe(50);
    expect(() => new UmapRun(vectorSet(new Float32Array(10 * 16), 16))).toThrow(RangeError);
  });
});
