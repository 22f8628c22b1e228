import { describe, expect, it } from 'vitest';
import { cosineMatrix, infoNce, softmaxRows, symmetricInfoNce } from './info-nce';

describe('cosineMatrix', () => {
  it('cosineMatrix(a, b) gives 1 for parallel, 0 for orthogonal and −1 for opposite vectors', () => {
    const m = cosineMatrix([[1, 0], [0, 2]], [[3, 0], [0, 1], [-1, 0]]);
    expect(m).toEqual([
      [1, 0, -1],
      [0, 1, 0],
    ]);
  });

  it('cosineMatrix(a, b) gives 1/√2 for vectors 45° apart', () => {
    expect(cosineMatrix([[1, 0]], [[1, 1]])[0]?.[0]).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('cosineMatrix rejects mismatched lengths and zero vectors', () => {
    expect(() => cosineMatrix([[1, 0]], [[1, 0, 0]])).toThrow(RangeError);
    expect(() => cosineMatrix([[0, 0]], [[1, 0]])).toThrow('zero vector');
  });
});

describe('softmaxRows', () => {
  it('softmaxRows([[1, 0]], 1) is [e/(e+1), 1/(e+1)]', () => {
    const [row = []] = softmaxRows([[1, 0]], 1);
    expect(row[0]).toBeCloseTo(Math.E / (Math.E + 1), 12);
    expect(row[1]).toBeCloseTo(1 / (Math.E + 1), 12);
  });

  it('softmaxRows sharpens as the temperature falls and stays finite for tiny temperatures', () => {
    const warm = softmaxRows([[0.9, 0.1]], 1)[0]?.[0] ?? Number.NaN;
    const cold = softmaxRows([[0.9, 0.1]], 0.07)[0]?.[0] ?? Number.NaN;
    expect(cold).toBeGreaterThan(warm);
    expect(softmaxRows([[0.9, 0.1]], 1e-4)[0]).toEqual([1, 0]);
  });

  it('softmaxRows rejects a non-positive temperature', () => {
    expect(() => softmaxRows([[1]], 0)).toThrow('invalid temperature');
  });
});

describe('infoNce and symmetricInfoNce', () => {
  it('infoNce(identity 2×2, τ=1) is −ln(e/(e+1)) ≈ 0.3133', () => {
    expect(infoNce([[1, 0], [0, 1]], 1)).toBeCloseTo(-Math.log(Math.E / (Math.E + 1)), 12);
    expect(infoNce([[1, 0], [0, 1]], 1)).toBeCloseTo(0.31326, 5);
  });

  it('infoNce of an all-equal matrix is ln N (the model cannot tell the pairs apart)', () => {
    const flat = [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]];
    expect(infoNce(flat, 0.1)).toBeCloseTo(Math.log(3), 12);
  });

  it('symmetricInfoNce averages the row and column directions of an asymmetric matrix', () => {
    const sim = [[2, 0], [1, 0]];
    const e2 = Math.exp(2);
    const rows = -(Math.log(e2 / (e2 + 1)) + Math.log(1 / (Math.E + 1))) / 2;
    const cols = -(Math.log(Math.E / (Math.E + 1)) + Math.log(0.5)) / 2;
    expect(rows).not.toBeCloseTo(cols, 3);
    expect(symmetricInfoNce(sim, 1)).toBeCloseTo((rows + cols) / 2, 12);
  });

  it('infoNce rejects a non-square matrix', () => {
    expect(() => infoNce([[1, 0]], 1)).toThrow('square');
  });
});
