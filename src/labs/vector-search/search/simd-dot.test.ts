// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exactSearch } from './exact-search';
import { gaussian, mulberry32 } from './rng';
import { DotScanner, dotKernelModule } from './simd-dot';
import { rowNorms, vectorSet } from './vector-set';

function data(n: number, dim: number, seed: number): Float32Array {
  const g = gaussian(mulberry32(seed));
  return Float32Array.from({ length: n * dim }, g);
}

describe('DotScanner (WebAssembly SIMD)', () => {
  it('the hand-assembled module validates', () => {
    expect(WebAssembly.validate(dotKernelModule())).toBe(true);
  });

  it('dots(query) equals the JavaScript dot products', () => {
    const n = 300;
    const dim = 48;
    const rows = data(n, dim, 1);
    const scanner = DotScanner.create(n, dim)!;
    expect(scanner).not.toBeNull();
    scanner.vectors.set(rows);
    const q = data(1, dim, 2);
    const got = scanner.dots(q);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += rows[i * dim + j]! * q[j]!;
      expect(got[i]).toBeCloseTo(s, 4);
    }
    expect(scanner.dots(q, 10)).toHaveLength(10);
  });

  it('exactSearch with the scanner ranks like the JavaScript scan, for every metric and with a filter', () => {
    const n = 500;
    const dim = 32;
    const set = vectorSet(data(n, dim, 3), dim);
    const scanner = DotScanner.create(n, dim)!;
    scanner.vectors.set(set.data);
    const norms = rowNorms(set);
    const allow = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
    for (const metric of ['cosine', 'dot', 'l2'] as const) {
      for (let t = 0; t < 5; t++) {
        const q = data(1, dim, 10 + t);
        const js = exactSearch(set, q, 10, metric, { norms, allow });
        const simd = exactSearch(set, q, 10, metric, { norms, allow, scanner });
        expect(simd.map((h) => h.index)).toEqual(js.map((h) => h.index));
        simd.forEach((h, i) => expect(h.score).toBeCloseTo(js[i]!.score, 3));
      }
    }
  });

  it('declines dimensions that are not a multiple of 16', () => {
    expect(DotScanner.create(10, 24)).toBeNull();
    expect(() => DotScanner.create(10, 16)!.dots(new Float32Array(8))).toThrow(RangeError);
  });
});
