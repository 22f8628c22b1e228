import { describe, expect, it } from 'vitest';
import { labelScheme, parseTag } from './label-scheme';

describe('labelScheme(id2label)', () => {
  it('reads a BIO scheme with its types in id order', () => {
    expect(labelScheme({ 0: 'O', 1: 'B-Disease', 2: 'I-Disease', 3: 'B-Chemical', 4: 'I-Chemical' })).toEqual({
      labels: ['O', 'B-Disease', 'I-Disease', 'B-Chemical', 'I-Chemical'],
      bio: true,
      types: ['Disease', 'Chemical'],
      outsideId: 0,
    });
  });
  it('accepts string keys in any order (config.json)', () => {
    expect(labelScheme({ '1': 'B-PER', '0': 'O', '2': 'I-PER' }).labels).toEqual(['O', 'B-PER', 'I-PER']);
  });
  it('marks labels without B-/I- prefixes as not BIO', () => {
    const s = labelScheme({ 0: 'LABEL_0', 1: 'LABEL_1' });
    expect([s.bio, s.types, s.outsideId]).toEqual([false, ['LABEL_0', 'LABEL_1'], null]);
    expect(labelScheme({ 0: 'O', 1: 'PER' }).bio).toBe(false);
    expect(labelScheme({ 0: 'O' }).bio).toBe(false);
  });
  it('rejects gaps and empty maps', () => {
    expect(() => labelScheme({})).toThrow(/empty/);
    expect(() => labelScheme({ 0: 'O', 2: 'B-X' })).toThrow(/0\.\.1/);
  });
});

describe('parseTag(label)', () => {
  it('splits BIO labels and treats any other label as I- of itself', () => {
    expect(parseTag('B-Disease')).toEqual({ prefix: 'B', type: 'Disease' });
    expect(parseTag('I-Gene-or-protein')).toEqual({ prefix: 'I', type: 'Gene-or-protein' });
    expect(parseTag('O')).toEqual({ prefix: 'I', type: 'O' });
  });
});
