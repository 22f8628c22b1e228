import { describe, expect, it } from 'vitest';
import { covers, normalizeWord, termOverlap, wordChunks } from './word-chunks';

describe('wordChunks', () => {
  it('wordChunks(10, 4, 1) starts a chunk every 3 words and ends exactly at word 10', () => {
    expect(wordChunks(10, 4, 1)).toEqual([
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 6, end: 10 },
    ]);
  });

  it('wordChunks(10, 4, 0) cuts without overlap and keeps a short last chunk', () => {
    expect(wordChunks(10, 4, 0)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ]);
  });

  it('wordChunks(9000, 400, 50) gives 26 chunks, the last starting at 8750', () => {
    const chunks = wordChunks(9000, 400, 50);
    expect(chunks).toHaveLength(26);
    expect(chunks[25]).toEqual({ start: 8750, end: 9000 });
  });

  it('wordChunks of a text shorter than one chunk is that text, and of nothing is nothing', () => {
    expect(wordChunks(3, 10, 2)).toEqual([{ start: 0, end: 3 }]);
    expect(wordChunks(0, 10, 2)).toEqual([]);
  });

  it('wordChunks rejects an overlap that is not smaller than the size', () => {
    expect(() => wordChunks(10, 4, 4)).toThrow('invalid overlap: 4 (expected 0 ≤ overlap < size = 4)');
    expect(() => wordChunks(10, 0, 0)).toThrow('invalid size');
    expect(() => wordChunks(-1, 4, 0)).toThrow('invalid wordCount');
    expect(() => wordChunks(10, 4, -1)).toThrow(RangeError);
  });
});

describe('covers', () => {
  it('covers is true only when the whole inner range lies inside', () => {
    expect(covers({ start: 3, end: 7 }, { start: 4, end: 7 })).toBe(true);
    expect(covers({ start: 3, end: 7 }, { start: 2, end: 5 })).toBe(false);
    expect(covers({ start: 3, end: 7 }, { start: 6, end: 8 })).toBe(false);
  });
});

describe('termOverlap', () => {
  it('normalizeWord strips edge punctuation and case but keeps inner hyphens', () => {
    expect(normalizeWord('Refills,')).toBe('refills');
    expect(normalizeWord('"walk-in"')).toBe('walk-in');
    expect(normalizeWord('药房。')).toBe('药房');
  });

  it('termOverlap counts distinct query terms inside the range only', () => {
    const words = 'Refill requests: refill early. The pharmacy closes at six.'.split(' ');
    const query = new Set(['refill', 'pharmacy', 'weekend']);
    expect(termOverlap(query, words, { start: 0, end: 4 })).toBe(1);
    expect(termOverlap(query, words, { start: 0, end: words.length })).toBe(2);
    expect(termOverlap(query, words, { start: 4, end: 6 })).toBe(1);
  });
});
