import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight-segments';

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
