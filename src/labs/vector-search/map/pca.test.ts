// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../search/rng';
import { vectorSet } from '../search/vector-set';
import { covariance, fitPca, projectAll, projectOne, sampleRows, topEigenvectors } from './pca';

describe('fitPca(set)', { timeout: 60_000 }, () => {
  it('finds the axes and variances of a hand case', () => {
    // Points (±2, 0, 0) and (0, ±1, 0), offset by (1, 1, 1): mean (1, 1, 1), covariance diag(8/3, 2/3, 0).
    const pts = [3, 1, 1, -1, 1, 1, 1, 2, 1, 1, 0, 1];
    const basis = fitPca(vectorSet(Float32Array.from(pts), 3));
    expect(Array.from(basis.mean)).toEqual([1, 1, 1]);
    expect(Array.from(basis.components).map((x) => Number(x.toFixed(8)) + 0)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(basis.variances[0]).toBeCloseTo(8 / 3, 10);
    expect(basis.variances[1]).toBeCloseTo(2 / 3, 10);
    expect(basis.totalVariance).toBeCloseTo(10 / 3, 10);
    expect(projectOne(Float32Array.from([3, 1, 1]), basis).map((x) => Number(x.toFixed(8)) + 0)).toEqual([2, 0]);
  });

  it('finds a diagonal axis: points on the line y = x', () => {
    const pts = [-2, -2, -1, -1, 0, 0, 1, 1, 2, 2];
    const basis = fitPca(vectorSet(Float32Array.from(pts), 2));
    expect(basis.components[0]).toBeCloseTo(Math.SQRT1_2, 8);
    expect(basis.components[1]).toBeCloseTo(Math.SQRT1_2, 8);
    // variance along the line: Σ (√2·t)² / 4 for t = −2…2 → 2·10/4 = 5
    expect(basis.variances[0]).toBeCloseTo(5, 8);
    expect(basis.variances[1]).toBeCloseTo(0, 8);
    const xy = projectAll(vectorSet(Float32Array.from(pts), 2), basis);
    expect(xy[0]).toBeCloseTo(-2 * Math.SQRT2, 5);
  });

  it('returns eigenvectors of the covariance (C v = λ v) on random 32-d data', () => {
    const g = gaussian(mulberry32(3));
    const dim = 32;
    const data = Float32Array.from({ length: 500 * dim }, (_, i) => g() * (1 + (i % dim) / 4));
    const set = vectorSet(data, dim);
    const basis = fitPca(set);
    const { cov } = covariance(set, sampleRows(set.count, 8192));
    for (let c = 0; c < 2; c++) {
      const v = basis.components.subarray(c * dim, (c + 1) * dim);
      for (let a = 0; a < dim; a++) {
        let cv = 0;
        for (let b = 0; b < dim; b++) cv += cov[a * dim + b]! * v[b]!;
        expect(cv).toBeCloseTo(basis.variances[c]! * v[a]!, 4);
      }
    }
    expect(basis.variances[0]).toBeGreaterThanOrEqual(basis.variances[1]!);
  });

  it('rejects fewer than two vectors', () => {
    expect(() => fitPca(vectorSet(Float32Array.from([1, 2]), 2))).toThrow(RangeError);
  });
});

describe('sampleRows(count, max) and topEigenvectors', () => {
  it('samples evenly and keeps all rows when few', () => {
    expect(sampleRows(3, 5)).toEqual([0, 1, 2]);
    expect(sampleRows(10, 4)).toEqual([0, 2, 5, 7]);
  });
  it('topEigenvectors of diag(1, 5, 3) are e2 (5) and e3 (3)', () => {
    const { vectors, values } = topEigenvectors(Float64Array.from([1, 0, 0, 0, 5, 0, 0, 0, 3]), 3, 2);
    expect(values[0]).toBeCloseTo(5, 9);
    expect(values[1]).toBeCloseTo(3, 9);
    expect(Math.abs(vectors[1]!)).toBeCloseTo(1, 9);
    expect(Math.abs(vectors[5]!)).toBeCloseTo(1, 9);
  });
});
