import { describe, expect, it } from 'vitest';
import { findToken, maskedText } from './mask-text';

describe('maskedText(tokens, segments, index)', () => {
  const tokens = ['[CLS]', 'the', 'cat', 'play', '##ing', '.', '[SEP]'];
  const segments = [0, 0, 0, 0, 0, 0, 0];
  it('replaces one whole token and drops the special tokens', () => {
    expect(maskedText(tokens, segments, 2)).toBe('the [MASK] playing .');
  });
  it('glues a masked continuation piece to its word', () => {
    expect(maskedText(tokens, segments, 4)).toBe('the cat play[MASK] .');
  });
  it('joins a pair with [SEP]', () => {
    expect(maskedText(['[CLS]', 'a', '[SEP]', 'b', 'c', '[SEP]'], [0, 0, 0, 1, 1, 1], 4)).toBe('a [SEP] b [MASK]');
  });
  it('keeps CJK characters as separate tokens', () => {
    expect(maskedText(['[CLS]', '小', '猫', '累', '了', '[SEP]'], [0, 0, 0, 0, 0, 0], 2)).toBe('小 [MASK] 累 了');
  });
  it('refuses a special token or an index out of range', () => {
    expect(() => maskedText(tokens, segments, 0)).toThrow(RangeError);
    expect(() => maskedText(tokens, segments, 7)).toThrow(RangeError);
  });
});

describe('findToken(tokens, word)', () => {
  it('finds the first token equal to the word, ignoring case', () => {
    expect(findToken(['[CLS]', 'paris', 'Paris'], 'Paris')).toBe(1);
    expect(findToken(['[CLS]'], 'paris')).toBe(-1);
  });
});
