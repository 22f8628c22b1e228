// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';
import { terms } from './text-analyzer';

describe('highlightSegments(text, queryTerms)', () => {
  it('marks every word whose analyzed term is a query term (stemmed matches too)', () => {
    expect(highlightSegments('Diabetic patients and diabetes', terms('diabetes patient'))).toEqual([
      { text: 'Diabetic', match: true },
      { text: ' ', match: false },
      { text: 'patients', match: true },
      { text: ' and ', match: false },
      { text: 'diabetes', match: true },
    ]);
  });
  it('merges overlapping CJK bigram spans into one mark', () => {
    expect(highlightSegments('我得了糖尿病。', terms('糖尿病'))).toEqual([
      { text: '我得了', match: false },
      { text: '糖尿病', match: true },
      { text: '。', match: false },
    ]);
  });
  it('returns the whole text unmarked when nothing matches; joins back to the input', () => {
    const text = 'No <b>match</b> here & there';
    const segs = highlightSegments(text, ['zebra']);
    expect(segs).toEqual([{ text, match: false }]);
    expect(highlightSegments(text, terms('match there')).map((s) => s.text).join('')).toBe(text);
  });
});
