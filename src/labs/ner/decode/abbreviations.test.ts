import { describe, expect, it } from 'vitest';
import { propagateAbbreviations } from './abbreviations';

// The same cases as the model factory's tests (models/factory/tests/test_ner_decode.py, TestAbbreviations).
const split = (s: string) => s.split(' ');
const D = 'B-Disease';
const I = 'I-Disease';

describe('propagateAbbreviations', () => {
  it('a definition after an entity labels the abbreviation and its later mentions (case-sensitive)', () => {
    const w = split('Stevens - Johnson syndrome ( SJS ) is rare ; SJS and TEN ; sjs');
    const t = [D, I, I, I, ...Array<string>(11).fill('O')];
    const want = t.slice();
    want[5] = want[10] = D;
    expect(propagateAbbreviations(w, t, 100)).toEqual(want);
    expect(t[5]).toBe('O');
  });

  it('a definition after O removes the label; mentions beyond the scope are left', () => {
    const w = split('the gene ( VHL ) . VHL x VHL');
    const t = ['O', 'O', 'O', 'O', 'O', 'O', D, 'O', D];
    expect(propagateAbbreviations(w, t, 5)).toEqual([...Array<string>(8).fill('O'), D]);
    expect(propagateAbbreviations(w, t, 6)).toEqual(Array<string>(9).fill('O'));
  });

  it('leaves a definition inside an entity, a word without a capital and a mention that starts a longer entity', () => {
    const w = split('adenomatous polyposis coli ( APC ) tumour ; APC gene ; cancer ( x1 ) x1 ; cancer ( CA ) CA cells');
    const t = [D, I, I, I, I, I, I, 'O', 'O', 'O', 'O', D, 'O', 'O', 'O', 'O', 'O', D, 'O', 'O', 'O', D, I];
    const want = t.slice();
    want[19] = D;
    expect(propagateAbbreviations(w, t, 100)).toEqual(want);
  });

  it('a later definition replaces an earlier one', () => {
    const w = split('aspirin ( AS ) AS ; the ( AS ) AS');
    const C = 'B-Chemical';
    const t = [C, 'O', 'O', 'O', 'O', 'O', 'O', 'O', 'O', 'O', C];
    expect(propagateAbbreviations(w, t, 100)).toEqual([C, 'O', C, 'O', C, 'O', 'O', 'O', 'O', 'O', 'O']);
  });

  it('keeps every BIO sequence consistent and refuses mismatched lengths', () => {
    const labels = ['O', D, I, 'B-Chemical', 'I-Chemical'];
    const vocab = ['(', ')', 'AB', 'CD', 'x', 'y'];
    let seed = 7;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % k);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rand(30);
      const words = Array.from({ length: n }, () => vocab[rand(vocab.length)]!);
      const tags: string[] = [];
      for (let i = 0; i < n; i++) {
        let l = labels[rand(5)]!;
        if (l.startsWith('I-') && (i === 0 || tags[i - 1] === 'O' || tags[i - 1]!.slice(2) !== l.slice(2))) l = `B-${l.slice(2)}`;
        tags.push(l);
      }
      const out = propagateAbbreviations(words, tags, 10);
      out.forEach((l, i) => {
        if (l.startsWith('I-')) expect(i > 0 && out[i - 1] !== 'O' && out[i - 1]!.slice(2) === l.slice(2)).toBe(true);
      });
    }
    expect(() => propagateAbbreviations(['a'], [], 10)).toThrow(RangeError);
  });
});
