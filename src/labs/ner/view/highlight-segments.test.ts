import { describe, expect, it } from 'vitest';
import { highlightSegments, segmentsBefore } from './highlight-segments';

const brief = (segs: ReturnType<typeof highlightSegments>) => segs.map((s) => [s.text, s.entity !== null]);

describe('highlightSegments(text, entities)', () => {
  it('alternates plain and entity runs, in text order', () => {
    expect(brief(highlightSegments('gout and lead', [{ start: 9, end: 13 }, { start: 0, end: 4 }]))).toEqual([
      ['gout', true],
      [' and ', false],
      ['lead', true],
    ]);
  });
  it('keeps surrogate pairs and markup intact as plain text', () => {
    const text = '😀<img src=x onerror=alert(1)> fever';
    expect(brief(highlightSegments(text, [{ start: 31, end: 36 }]))).toEqual([['😀<img src=x onerror=alert(1)> ', false], ['fever', true]]);
  });
  it('drops an entity overlapping an earlier, longer one', () => {
    expect(brief(highlightSegments('renal failure', [{ start: 6, end: 13 }, { start: 0, end: 13 }]))).toEqual([['renal failure', true]]);
  });
  it('gives one plain run without entities, none for empty text, and rejects spans outside the text', () => {
    expect(brief(highlightSegments('abc', []))).toEqual([['abc', false]]);
    expect(highlightSegments('', [])).toEqual([]);
    expect(() => highlightSegments('abc', [{ start: 2, end: 5 }])).toThrow(RangeError);
  });
});

describe('segmentsBefore(segments, limit)', () => {
  // 'gout' [0,4) entity, ' and ' [4,9) plain, 'lead' [9,13) entity, ' 😀 end' [13,20) plain
  const text = 'gout and lead 😀 end';
  const segs = highlightSegments(text, [{ start: 0, end: 4 }, { start: 9, end: 13 }]);
  const cut = (limit: number) => {
    const r = segmentsBefore(segs, limit);
    return [brief(r.segments), r.end];
  };

  it('cuts the plain run that crosses the limit', () => {
    expect(cut(6)).toEqual([[['gout', true], [' a', false]], 6]);
  });
  it('keeps an entity that crosses the limit whole, and nothing after it', () => {
    expect(cut(10)).toEqual([[['gout', true], [' and ', false], ['lead', true]], 13]);
  });
  it('never splits a surrogate pair: 😀 is units 14 and 15', () => {
    expect(cut(15)).toEqual([[['gout', true], [' and ', false], ['lead', true], [' ', false]], 14]);
    expect(cut(16)).toEqual([[['gout', true], [' and ', false], ['lead', true], [' 😀', false]], 16]);
  });
  it('gives everything for a limit at or past the end, nothing for 0, and rejects a negative limit', () => {
    expect(cut(20)).toEqual([brief(segs), 20]);
    expect(cut(1e9)).toEqual([brief(segs), 20]);
    expect(cut(0)).toEqual([[], 0]);
    expect(() => segmentsBefore(segs, -1)).toThrow(RangeError);
  });
});
