import { describe, expect, it } from 'vitest';
import { entityTypes, parseIob } from './iob';

describe('parseIob(text)', () => {
  it('reads word/tag rows, blank lines between sentences, CRLF and extra columns', () => {
    const text = 'Aspirin\tB-Chemical\r\ninduced\tO\n\n\n\nfever\tx\tB-Disease\n';
    expect(parseIob(text)).toEqual([
      { words: ['Aspirin', 'induced'], tags: ['B-Chemical', 'O'] },
      { words: ['fever'], tags: ['B-Disease'] },
    ]);
  });
  it('returns no sentences for empty text', () => {
    expect(parseIob('')).toEqual([]);
    expect(parseIob('\n \n')).toEqual([]);
  });
  it('names the line of a malformed row', () => {
    expect(() => parseIob('a\tO\nb B-Disease\n')).toThrow(/line 2/);
    expect(() => parseIob('a\tX-Disease')).toThrow(SyntaxError);
  });
});

describe('entityTypes(sentences)', () => {
  it('lists the types in the tags', () => {
    expect(entityTypes(parseIob('a\tB-Disease\nb\tI-Chemical\nc\tO'))).toEqual(['Chemical', 'Disease']);
  });
});
