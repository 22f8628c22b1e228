import { describe, expect, it } from 'vitest';
import { isChineseChar, normalizeAligned } from './bert-normalizer';
import type { BertNormalizerConfig } from './tokenizer-spec';

const uncased: BertNormalizerConfig = { cleanText: true, handleChineseChars: true, lowercase: true, stripAccents: null };
const cased: BertNormalizerConfig = { ...uncased, lowercase: false };

/** Each normalized unit with the source text it came from. */
function units(source: string, config: BertNormalizerConfig | null) {
  const a = normalizeAligned(source, config);
  return [...a.text].length === a.text.length
    ? [...a.text].map((ch, j) => [ch, source.slice(a.start[j], a.end[j])])
    : null;
}

describe('normalizeAligned(source, config)', () => {
  it('lowercases, strips accents and maps every unit back to its source character', () => {
    expect(normalizeAligned('Café', uncased).text).toBe('cafe');
    expect(units('Café', uncased)).toEqual([['c', 'C'], ['a', 'a'], ['f', 'f'], ['e', 'é']]);
  });
  it('keeps a decomposed accent inside its base character\'s range', () => {
    const a = normalizeAligned('Cafe\u0301!', uncased);
    expect(a.text).toBe('cafe!');
    expect([a.start[3], a.end[3]]).toEqual([3, 5]);
    expect([a.start[4], a.end[4]]).toEqual([5, 6]);
  });
  it('expands İ to i + dot and strips the dot, and lowercases a final sigma in context', () => {
    expect(units('İx', uncased)).toEqual([['i', 'İ'], ['x', 'x']]);
    expect(normalizeAligned('ΟΔΥΣΣΕΥΣ ΣΑΣ', uncased).text).toBe('οδυσσευς σας');
  });
  it('spaces out BMP CJK ideographs but not astral ones (transformers.js tests UTF-16 units)', () => {
    expect(normalizeAligned('中文ab', uncased).text).toBe(' 中  文 ab');
    expect(normalizeAligned('𠀀x', uncased).text).toBe('𠀀x');
    expect(isChineseChar(0x4e2d)).toBe(true);
    expect(isChineseChar(0x3042)).toBe(false);
  });
  it('drops control and format characters, turns whitespace into spaces', () => {
    const a = normalizeAligned('a\u0000b\u200bc\td\ne\u00a0f\u0007g', uncased);
    expect(a.text).toBe('abc d e fg');
    expect(a.text.split('').map((_, j) => a.start[j])).toEqual([0, 2, 4, 5, 6, 7, 8, 9, 10, 12]);
  });
  it('keeps surrogate pairs whole, with their two-unit source range', () => {
    const a = normalizeAligned('x😀y', uncased);
    expect(a.text).toBe('x😀y');
    expect([...a.start]).toEqual([0, 1, 1, 3]);
    expect([...a.end]).toEqual([1, 3, 3, 4]);
  });
  it('decomposes Hangul syllables into jamo, all mapped to the syllable', () => {
    const a = normalizeAligned('한', uncased);
    expect(a.text).toBe('\u1112\u1161\u11ab');
    expect([...a.start, ...a.end]).toEqual([0, 0, 0, 1, 1, 1]);
  });
  it('leaves case and accents alone for a cased model, and everything alone without a normalizer', () => {
    expect(normalizeAligned('Café', cased).text).toBe('Café');
    expect(normalizeAligned('Café', { ...cased, stripAccents: true }).text).toBe('Cafe');
    expect(normalizeAligned('A\u0000b', null).text).toBe('A\u0000b');
  });
  it('normalizes a sub-range with offsets into the whole source', () => {
    const a = normalizeAligned('xx Éy', uncased, 3, 5);
    expect(a.text).toBe('ey');
    expect([...a.start]).toEqual([3, 4]);
  });
  it('rejects a range outside the text', () => {
    expect(() => normalizeAligned('abc', uncased, 2, 9)).toThrow(RangeError);
  });
});
