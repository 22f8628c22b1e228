import { describe, expect, it } from 'vitest';
import { applyVisibility, attentionReceived, isSpecialToken, visibility } from './token-filter';
import { rounded } from './test-stacks';

// [CLS] a [SEP] b [SEP]: segments 0 0 0 1 1
const tokens = ['[CLS]', 'a', '[SEP]', 'b', '[SEP]'];
const segments = [0, 0, 0, 1, 1];

describe('visibility({tokens, segments, filter, hideSpecial})', () => {
  it('all: every token both ways', () => {
    const v = visibility({ tokens, segments, filter: 'all', hideSpecial: false });
    expect(v).toEqual({ rows: [true, true, true, true, true], cols: [true, true, true, true, true] });
  });
  it('a-b: rows from sentence A, columns in sentence B', () => {
    const v = visibility({ tokens, segments, filter: 'a-b', hideSpecial: false });
    expect(v).toEqual({ rows: [true, true, true, false, false], cols: [false, false, false, true, true] });
  });
  it('b-a with [CLS]/[SEP] hidden', () => {
    const v = visibility({ tokens, segments, filter: 'b-a', hideSpecial: true });
    expect(v).toEqual({ rows: [false, false, false, true, false], cols: [false, true, false, false, false] });
  });
  it('rejects a segment list of another length', () => {
    expect(() => visibility({ tokens, segments: [0], filter: 'all', hideSpecial: false })).toThrow(RangeError);
  });
  it('knows BERT and RoBERTa markers', () => {
    expect(['[CLS]', '[SEP]', '<s>', '</s>', '[MASK]', 'the'].map(isSpecialToken)).toEqual([true, true, true, true, false, false]);
  });
});

describe('applyVisibility(matrix, visibility, renormalise)', () => {
  const m = Float32Array.from([
    0.5, 0.25, 0.25,
    0.2, 0.2, 0.6,
    0, 0, 1,
  ]);
  const v = { rows: [true, true, false], cols: [false, true, true] };
  it('zeroes hidden rows and columns', () => {
    expect(rounded(applyVisibility(m, v, false))).toEqual([0, 0.25, 0.25, 0, 0.2, 0.6, 0, 0, 0]);
  });
  it('renormalises shown rows over shown columns', () => {
    expect(rounded(applyVisibility(m, v, true))).toEqual([0, 0.5, 0.5, 0, 0.25, 0.75, 0, 0, 0]);
  });
  it('leaves a row with no weight on shown columns at zero', () => {
    expect(rounded(applyVisibility(Float32Array.from([1, 0, 0, 1]), { rows: [true, true], cols: [false, true] }, true))).toEqual([0, 0, 0, 1]);
  });
});

describe('attentionReceived(matrix, visibility)', () => {
  it('is the column mean over shown rows', () => {
    const m = Float32Array.from([0.5, 0.5, 0, 0.2, 0.2, 0.6, 0.1, 0.1, 0.8]);
    expect(rounded(attentionReceived(m, { rows: [true, true, false], cols: [true, true, true] }))).toEqual([0.35, 0.35, 0.3]);
    expect(rounded(attentionReceived(m, { rows: [true, true, true], cols: [true, false, true] }))).toEqual([0.266667, 0, 0.466667]);
  });
});
