import { describe, expect, it } from 'vitest';
import { wordPiece } from './wordpiece';

const vocab = new Map(['[UNK]', 'asp', '##ir', '##in', 'a', '##s', '😀', '##😀'].map((t, i) => [t, i]));
const options = { vocab, unkId: 0, prefix: '##', maxInputCharsPerWord: 6 };

describe('wordPiece(word, options)', () => {
  it('takes the longest known prefix, then ## pieces, with offsets in the word', () => {
    expect(wordPiece('aspirin', { ...options, maxInputCharsPerWord: 100 })).toEqual([
      { id: 1, start: 0, end: 3 },
      { id: 2, start: 3, end: 5 },
      { id: 3, start: 5, end: 7 },
    ]);
  });
  it('gives one unknown token for a word with a missing piece or too many characters', () => {
    expect(wordPiece('asx', options)).toEqual([{ id: 0, start: 0, end: 3 }]);
    expect(wordPiece('aaaaaaa', options)).toEqual([{ id: 0, start: 0, end: 7 }]);
  });
  it('counts characters, not UTF-16 units, and keeps surrogate pairs whole', () => {
    expect(wordPiece('😀😀😀😀😀😀', options).length).toBe(6);
    expect(wordPiece('a😀', options)).toEqual([
      { id: 4, start: 0, end: 1 },
      { id: 7, start: 1, end: 3 },
    ]);
  });
});
