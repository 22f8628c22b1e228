import { describe, expect, it } from 'vitest';
import { bioTransitions, bioViterbi } from './bio-viterbi';
import { logSoftmaxRows } from './softmax';
import { labelScheme } from './label-scheme';

const scheme = labelScheme({ 0: 'O', 1: 'B-Disease', 2: 'I-Disease', 3: 'B-Chemical', 4: 'I-Chemical' });
const W = 5;
const logs = (rows: number[][]) => Float32Array.from(rows.flat().map((p) => Math.log(p)));
const ids = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Every label sequence of length n that BIO allows (for a brute-force check). */
function* sequences(n: number): Generator<number[]> {
  if (n === 0) return yield [];
  for (const s of sequences(n - 1)) for (let c = 0; c < W; c++) yield [...s, c];
}
const consistent = (s: number[]) =>
  s.every((c, i) => {
    const l = scheme.labels[c]!;
    if (!l.startsWith('I-')) return true;
    const p = i === 0 ? 'O' : scheme.labels[s[i - 1]!]!;
    return p !== 'O' && p.slice(2) === l.slice(2);
  });

describe('bioViterbi', () => {
  it('hand-computed: O, I-Disease (argmax) becomes B-Disease, I-Disease (.30·.55 = .165 > O B .50·.30 = .15)', () => {
    const lp = logs([[0.5, 0.3, 0.1, 0.05, 0.05], [0.05, 0.3, 0.55, 0.05, 0.05]]);
    expect(bioViterbi(lp, W, scheme, [0, 1])).toEqual([1, 2]);
  });

  it('hand-computed: a consistent argmax path is kept; a lone I-Chemical at the start becomes B-Chemical', () => {
    const lp = logs([[0.4, 0.45, 0.05, 0.05, 0.05], [0.05, 0.4, 0.5, 0.0001, 0.0499], [0.2, 0.1, 0.6, 0.05, 0.05]]);
    expect(bioViterbi(lp, W, scheme, [0, 1, 2])).toEqual([1, 2, 2]);
    expect(bioViterbi(logs([[0.1, 0.05, 0.05, 0.3, 0.5]]), W, scheme, [0])).toEqual([3]);
  });

  it('equals a brute-force search over every allowed sequence (random log-probabilities)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + (trial % 5);
      const lp = logSoftmaxRows(Float32Array.from({ length: n * W }, () => (rand() - 0.5) * 6), W);
      let best: number[] = [];
      let bestScore = -Infinity;
      for (const s of sequences(n)) {
        if (!consistent(s)) continue;
        const v = s.reduce((a, c, i) => a + lp[i * W + c]!, 0);
        if (v > bestScore) [best, bestScore] = [s, v];
      }
      expect(bioViterbi(lp, W, scheme, ids(n))).toEqual(best);
    }
  });

  it('decodes only the given rows, in their order (words from their first piece)', () => {
    const lp = logs([[0.5, 0.3, 0.1, 0.05, 0.05], [0.9, 0.025, 0.025, 0.025, 0.025], [0.05, 0.3, 0.55, 0.05, 0.05]]);
    expect(bioViterbi(lp, W, scheme, [0, 2])).toEqual([1, 2]);
    expect(bioViterbi(lp, W, scheme, [])).toEqual([]);
  });

  it('transitions: only I- labels are refused, after O, the start, or another type; a scheme that is not BIO allows all', () => {
    const t = bioTransitions(scheme);
    const ok = (p: number, c: number) => t[p * W + c];
    expect([ok(0, 2), ok(1, 2), ok(2, 2), ok(3, 2), ok(5, 2), ok(5, 1), ok(4, 4), ok(2, 4)]).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    expect([...bioTransitions(labelScheme({ 0: 'NOUN', 1: 'VERB' }))].every((x) => x === 1)).toBe(true);
    expect(() => bioViterbi(new Float32Array(4), 4, scheme, [0])).toThrow(/5 labels/);
  });

  it('logSoftmaxRows gives log-probabilities (each row sums to 1 after exp)', () => {
    const lp = logSoftmaxRows(Float32Array.from([1, 2, 3, 1000, 1000, 0]), 3);
    expect(Math.exp(lp[0]!) + Math.exp(lp[1]!) + Math.exp(lp[2]!)).toBeCloseTo(1, 6);
    expect(lp[3]).toBeCloseTo(Math.log(0.5), 6);
    expect(lp[5]).toBeLessThan(-900);
  });
});
