import { describe, expect, it } from 'vitest';
import { headViewLines, OPACITY_LEVELS } from './head-view-lines';

// 3 tokens; head 0 looks at itself, head 2 spreads.
const head0 = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
const head2 = Float32Array.from([0.5, 0.5, 0, 0.25, 0.25, 0.5, 0.01, 0.49, 0.5]);
const matrices = [{ head: 0, matrix: head0 }, { head: 2, matrix: head2 }];

describe('headViewLines(input)', () => {
  it('groups lines by head and opacity, skipping weights that round to 0', () => {
    const buckets = headViewLines({ matrices, rows: [0, 1, 2], cols: [0, 1, 2], focus: null });
    expect(buckets).toEqual([
      { head: 0, opacity: 1, pairs: [0, 0, 1, 1, 2, 2] },
      { head: 2, opacity: 8 / OPACITY_LEVELS, pairs: [1, 0, 1, 1] },
      // 0.49 × 32 = 15.68 → 16
      { head: 2, opacity: 16 / OPACITY_LEVELS, pairs: [0, 0, 0, 1, 1, 2, 2, 1, 2, 2] },
    ]);
  });
  it('uses positions in the shown lists, not token indices', () => {
    const buckets = headViewLines({ matrices: [matrices[0]!], rows: [2], cols: [1, 2], focus: null });
    expect(buckets).toEqual([{ head: 0, opacity: 1, pairs: [0, 1] }]);
  });
  it('keeps only the focused token’s lines: out of a row, or into a column', () => {
    expect(headViewLines({ matrices: [matrices[1]!], rows: [0, 1, 2], cols: [0, 1, 2], focus: { side: 'from', index: 1 } })).toEqual([
      { head: 2, opacity: 0.25, pairs: [1, 0, 1, 1] },
      { head: 2, opacity: 0.5, pairs: [1, 2] },
    ]);
    expect(headViewLines({ matrices: [matrices[1]!], rows: [0, 1, 2], cols: [0, 1, 2], focus: { side: 'to', index: 0 } })).toEqual([
      { head: 2, opacity: 0.25, pairs: [1, 0] },
      { head: 2, opacity: 0.5, pairs: [0, 0] },
    ]);
  });
  it('draws nothing for a focused token that is hidden', () => {
    expect(headViewLines({ matrices, rows: [0, 1], cols: [0, 1], focus: { side: 'from', index: 2 } })).toEqual([]);
  });
});
