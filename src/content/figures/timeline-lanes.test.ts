import { describe, expect, it } from 'vitest';
import { assignLanes, estimateTextWidth } from './timeline-lanes';

describe('assignLanes', () => {
  it('assignLanes(items) reuses a lane as soon as the previous label has ended', () => {
    expect(assignLanes([{ start: 0, end: 10 }, { start: 5, end: 12 }, { start: 11, end: 20 }])).toEqual([0, 1, 0]);
  });

  it('assignLanes(items, gap) keeps at least `gap` between labels in one lane', () => {
    const items = [{ start: 0, end: 10 }, { start: 12, end: 20 }];
    expect(assignLanes(items, 0)).toEqual([0, 0]);
    expect(assignLanes(items, 2)).toEqual([0, 0]);
    expect(assignLanes(items, 3)).toEqual([0, 1]);
  });

  it('assignLanes(items) answers in input order even when items are unsorted', () => {
    expect(assignLanes([{ start: 11, end: 20 }, { start: 0, end: 10 }, { start: 5, end: 12 }])).toEqual([0, 0, 1]);
  });

  it('assignLanes(items) stacks fully overlapping labels into as many lanes as needed', () => {
    const same = { start: 3, end: 9 };
    expect(assignLanes([same, same, same, { start: 9, end: 10 }])).toEqual([0, 1, 2, 0]);
  });

  it('assignLanes(items) fills the lowest free lane first', () => {
    // lane 0 ends at 10, lane 1 ends at 4: an item starting at 5 goes to lane 1, not a new lane 2
    expect(assignLanes([{ start: 0, end: 10 }, { start: 1, end: 4 }, { start: 5, end: 6 }])).toEqual([0, 1, 1]);
  });

  it('assignLanes([]) is empty', () => {
    expect(assignLanes([])).toEqual([]);
  });

  it('assignLanes rejects reversed or non-finite items and a negative gap', () => {
    expect(() => assignLanes([{ start: 5, end: 1 }])).toThrow(RangeError);
    expect(() => assignLanes([{ start: Number.NaN, end: 1 }])).toThrow('invalid item 0');
    expect(() => assignLanes([{ start: 0, end: 1 }], -1)).toThrow('invalid gap');
  });
});

describe('estimateTextWidth', () => {
  it('estimateTextWidth(text, size) counts CJK characters as one em and others as 0.58 em', () => {
    expect(estimateTextWidth('大模型', 10)).toBe(30);
    expect(estimateTextWidth('GPT-4', 10)).toBeCloseTo(29, 10);
    expect(estimateTextWidth('文心一言 ERNIE', 10)).toBeCloseTo(40 + 6 * 5.8, 10);
  });

  it('estimateTextWidth rejects a non-positive font size', () => {
    expect(() => estimateTextWidth('x', 0)).toThrow(RangeError);
  });
});
