// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exactSearch } from './exact-search';
import { gaussian, mulberry32 } from './rng';
import { DotScanner, GATHER_MAX, dotKernelModule } from './simd-dot';
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

  it('dotsAt(n, of) gathers the listed rows against a row or the query slot', () => {
    const n = 200;
    const dim = 32;
    const rows = data(n, dim, 5);
    const scanner = DotScanner.create(n, dim)!;
    scanner.vectors.set(rows);
    const dot = (a: Float32Array, ai: number, b: Float32Array, bi: number) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += a[ai * dim + j]! * b[bi * dim + j]!;
      return s;
    };
    const ids = [7, 0, 199, 7, 42, 150];
    ids.forEach((id, t) => (scanner.ids[t] = id));
    const fromRow = Array.from(scanner.dotsAt(ids.length, 13).subarray(0, ids.length));
    ids.forEach((id, t) => expect(fromRow[t]).toBeCloseTo(dot(rows, id, rows, 13), 4));
    const q = data(1, dim, 6);
    scanner.setQuery(q);
    const fromQuery = Array.from(scanner.dotsAt(ids.length, -1).subarray(0, ids.length));
    ids.forEach((id, t) => expect(fromQuery[t]).toBeCloseTo(dot(rows, id, q, 0), 4));
    expect(() => scanner.dotsAt(GATHER_MAX + 1, -1)).toThrow(RangeError);
  });

  it('holding(data) finds the scanner whose memory holds exactly those vectors', () => {
    const scanner = DotScanner.create(20, 16)!;
    expect(DotScanner.holding(scanner.vectors, 16)).toBe(scanner);
    expect(DotScanner.holding(scanner.vectors.subarray(0, 160), 16)).toBe(scanner);
    expect(DotScanner.holding(scanner.vectors, 32)).toBeNull();
    expect(DotScanner.holding(new Float32Array(320), 16)).toBeNull();
  });

  it('declines dimensions that are not a multiple of 16', () => {
    expect(DotScanner.create(10, 24)).toBeNull();
    expect(() => DotScanner.create(10, 16)!.dots(new Float32Array(8))).toThrow(RangeError);
  });
});
