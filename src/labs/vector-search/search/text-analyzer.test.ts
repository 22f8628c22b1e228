// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyze, terms } from './text-analyzer';

describe('analyze(text)', () => {
  it('lower-cases, drops stop words and possessives, stems English words', () => {
    expect(terms("The patient's Symptoms of diabetes")).toEqual(['patient', 'symptom', 'diabet']);
  });
  it('keeps the character span of every term', () => {
    expect(analyze('Cats, dogs.')).toEqual([
      { term: 'cat', start: 0, end: 4 },
      { term: 'dog', start: 6, end: 10 },
    ]);
  });
  it('emits CJK unigrams and bigrams with spans', () => {
    expect(analyze('得了糖尿病')).toEqual([
      { term: '得', start: 0, end: 1 },
      { term: '得了', start: 0, end: 2 },
      { term: '了', start: 1, end: 2 },
      { term: '了糖', start: 1, end: 3 },
      { term: '糖', start: 2, end: 3 },
      { term: '糖尿', start: 2, end: 4 },
      { term: '尿', start: 3, end: 4 },
      { term: '尿病', start: 3, end: 5 },
      { term: '病', start: 4, end: 5 },
    ]);
  });
  it('splits mixed Chinese and English text into both kinds of terms', () => {
    expect(terms('用BERT模型')).toEqual(['用', 'bert', '模', '模型', '型']);
  });
  it('keeps decimals and internal apostrophes together, normalises full-width letters', () => {
    expect(terms('pH 7.4 ＡＢＣ don’t')).toEqual(['ph', '7.4', 'abc', 'dont']);
  });
  it('gives nothing for punctuation, whitespace or only stop words', () => {
    expect(terms(' ,.;!? ')).toEqual([]);
    expect(terms('the and of')).toEqual([]);
  });
});
