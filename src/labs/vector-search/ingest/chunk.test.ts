// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { approxTokenCount, chunkText, sentenceStarts, tokenSpans } from './chunk';

describe('approxTokenCount(text)', () => {
  it('counts words, CJK characters and punctuation marks as one each', () => {
    expect(approxTokenCount('Hello, world!')).toBe(4);
    expect(approxTokenCount('我爱 NLP。')).toBe(4);
    expect(approxTokenCount('   ')).toBe(0);
  });
  it('tokenSpans gives character spans', () => {
    expect(tokenSpans('ab 中c')).toEqual([
      [0, 2],
      [3, 4],
      [4, 5],
    ]);
  });
});

describe('chunkText(text, { mode })', () => {
  it('document: the trimmed text as one chunk, nothing for whitespace', () => {
    expect(chunkText('  hello world \n', { mode: 'document' })).toEqual([{ text: 'hello world', start: 2, end: 13, tokens: 2 }]);
    expect(chunkText(' \n ', { mode: 'document' })).toEqual([]);
  });

  it('paragraph: splits at blank lines (with spaces or \\r\\n in them) and keeps spans', () => {
    const text = 'First para,\nstill first.\n\nSecond.\r\n \r\nThird.';
    const chunks = chunkText(text, { mode: 'paragraph' });
    expect(chunks.map((c) => c.text)).toEqual(['First para,\nstill first.', 'Second.', 'Third.']);
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('sentence: groups n sentences, English and Chinese', () => {
    const text = 'One is here. Two is here! Three? 第四句。第五句！';
    expect(chunkText(text, { mode: 'sentence', sentencesPerChunk: 2 }).map((c) => c.text)).toEqual([
      'One is here. Two is here!',
      'Three? 第四句。',
      '第五句！',
    ]);
    expect(sentenceStarts('A. B.')).toEqual([0, 3]);
  });

  it('window: fixed windows with overlap, the last one reaching the end', () => {
    const words = Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ');
    const chunks = chunkText(words, { mode: 'window', windowTokens: 10, overlapTokens: 3 });
    expect(chunks.map((c) => c.text.split(' ')[0])).toEqual(['w0', 'w7', 'w14', 'w21']);
    expect(chunks.map((c) => c.tokens)).toEqual([10, 10, 10, 4]);
    expect(chunks[1]!.text.split(' ').slice(0, 3)).toEqual(['w7', 'w8', 'w9']);
    expect(chunks.at(-1)!.text.endsWith('w24')).toBe(true);
  });

  it('window: one short window for a short text; Chinese counted per character', () => {
    expect(chunkText('短文本', { mode: 'window', windowTokens: 8, overlapTokens: 2 })).toEqual([{ text: '短文本', start: 0, end: 3, tokens: 3 }]);
    const zh = '一二三四五六七八九十';
    expect(chunkText(zh, { mode: 'window', windowTokens: 8, overlapTokens: 4 }).map((c) => c.text)).toEqual(['一二三四五六七八', '五六七八九十']);
  });

  it('rejects bad window settings', () => {
    expect(() => chunkText('x', { mode: 'window', windowTokens: 10, overlapTokens: 10 })).toThrow(/overlapTokens/);
    expect(() => chunkText('x', { mode: 'window', windowTokens: 2, overlapTokens: 0 })).toThrow(/windowTokens/);
    expect(() => chunkText('x', { mode: 'sentence', sentencesPerChunk: 0 })).toThrow(/sentencesPerChunk/);
  });
});
