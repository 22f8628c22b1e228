import { describe, expect, it } from 'vitest';
import { mergeWindows, planWindows } from './windows';

/** [window, from, to) runs of the per-token source, to compare long plans compactly. */
function runs(source: Int32Array): number[][] {
  const out: number[][] = [];
  source.forEach((w, k) => {
    const last = out[out.length - 1];
    if (last && last[0] === w) last[2] = k + 1;
    else out.push([w, k, k + 1]);
  });
  return out;
}

describe('planWindows(n, size)', () => {
  it('uses one window when the sequence fits (also when empty)', () => {
    expect(planWindows(3, 4)).toEqual({ windows: [{ start: 0, end: 3 }], source: Int32Array.from([0, 0, 0]) });
    expect(planWindows(0, 4).windows).toEqual([{ start: 0, end: 0 }]);
  });
  it('overlaps windows by half and takes each token from a window where it is central', () => {
    const plan = planWindows(10, 4);
    expect(plan.windows).toEqual([{ start: 0, end: 4 }, { start: 2, end: 6 }, { start: 4, end: 8 }, { start: 6, end: 10 }]);
    expect([...plan.source]).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3, 3]);
  });
  it('matches the model factory (Python) plans for the 254-token evaluation window', () => {
    // from models/factory/ner.py predict_words, run for these lengths
    expect(runs(planWindows(600, 254).source)).toEqual([[0, 0, 190], [1, 190, 317], [2, 317, 435], [3, 435, 600]]);
    expect(runs(planWindows(255, 254).source)).toEqual([[0, 0, 159], [1, 159, 255]]);
    expect(runs(planWindows(509, 254).source)).toEqual([[0, 0, 190], [1, 190, 317], [2, 317, 413], [3, 413, 509]]);
    expect(planWindows(7, 5).windows).toEqual([{ start: 0, end: 5 }, { start: 2, end: 7 }]);
  });
  it('never makes a window longer than size, and covers every token', () => {
    for (const [n, size] of [[1000, 254], [257, 126], [33, 3]] as const) {
      const plan = planWindows(n, size);
      expect(plan.windows.every((w) => w.end - w.start <= size)).toBe(true);
      expect(plan.source.every((w, k) => plan.windows[w]!.start <= k && k < plan.windows[w]!.end)).toBe(true);
    }
  });
  it('rejects bad sizes', () => {
    expect(() => planWindows(5, 1)).toThrow(RangeError);
    expect(() => planWindows(-1, 4)).toThrow(/token count/);
  });
});

describe('mergeWindows(plan, rows, width)', () => {
  it('takes every token\'s row from its source window', () => {
    const plan = planWindows(10, 4);
    // window w gives token k the row [w, k]
    const rows = plan.windows.map(({ start, end }, w) => Float32Array.from(Array.from({ length: end - start }, (_, i) => [w, start + i]).flat()));
    const merged = mergeWindows(plan, rows, 2);
    expect([...merged]).toEqual([0, 0, 0, 1, 0, 2, 1, 3, 1, 4, 2, 5, 2, 6, 3, 7, 3, 8, 3, 9]);
  });
  it('rejects rows of the wrong shape', () => {
    const plan = planWindows(3, 4);
    expect(() => mergeWindows(plan, [new Float32Array(5)], 2)).toThrow(/window 0/);
    expect(() => mergeWindows(plan, [], 2)).toThrow(/expected 1 windows/);
  });
});
