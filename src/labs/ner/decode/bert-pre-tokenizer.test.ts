import { describe, expect, it } from 'vitest';
import { isBertPunctuation, preTokenize } from './bert-pre-tokenizer';

describe('preTokenize(text)', () => {
  it('splits on whitespace and isolates punctuation, with offsets', () => {
    expect(preTokenize(' IL-2 (10 mg).')).toEqual([
      { text: 'IL', start: 1, end: 3 },
      { text: '-', start: 3, end: 4 },
      { text: '2', start: 4, end: 5 },
      { text: '(', start: 6, end: 7 },
      { text: '10', start: 7, end: 9 },
      { text: 'mg', start: 10, end: 12 },
      { text: ')', start: 12, end: 13 },
      { text: '.', start: 13, end: 14 },
    ]);
  });
  it('treats ASCII symbols ($, +, ^, `) and Unicode punctuation as punctuation, emoji as letters', () => {
    expect(preTokenize('a+b$c「d」😀e').map((w) => w.text)).toEqual(['a', '+', 'b', '$', 'c', '「', 'd', '」', '😀e']);
    expect(isBertPunctuation('—')).toBe(true);
    expect(isBertPunctuation('°')).toBe(false);
  });
  it('splits a sub-range with offsets into the whole text', () => {
    expect(preTokenize('ab cd ef', 3, 8)).toEqual([
      { text: 'cd', start: 3, end: 5 },
      { text: 'ef', start: 6, end: 8 },
    ]);
  });
});
