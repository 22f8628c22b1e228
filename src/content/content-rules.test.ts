import { describe, expect, it } from 'vitest';
import { appLinksIn, checkAppLink, countChineseLength, countEnglishWords, proseOf, rawHtmlIn } from './content-rules';
import { curriculum } from './curriculum';

describe('countEnglishWords / countChineseLength', () => {
  it('counts words with inner apostrophes and hyphens as one', () => {
    expect(countEnglishWords("The model's self-attention layer, 12 heads.")).toBe(6);
  });
  it('counts CJK characters plus Latin words', () => {
    expect(countChineseLength('大模型使用 self-attention 和 GPU。')).toBe(8);
  });
});

describe('proseOf(md)', () => {
  it('drops fenced code, display maths and link targets', () => {
    expect(countEnglishWords(proseOf('one two\n\n```python\na b c d\n```\n\n$$x y z$$\n\n[three](#/lab/attention?text=a%20b)'))).toBe(3);
  });
});

describe('rawHtmlIn(md)', () => {
  it('finds block and inline HTML but not code', () => {
    expect(rawHtmlIn('<div>x</div>\n\ntext <b>bold</b> `<i>`')).toEqual(['<div>x</div>', '<b>', '</b>']);
  });
});

describe('appLinksIn / checkAppLink', () => {
  const terms = new Set(['token']);
  it('lists in-app links only', () => {
    expect(appLinksIn('[a](#/lab/ner) [b](https://x.org) [c](#/glossary/token)')).toEqual(['#/lab/ner', '#/glossary/token']);
  });
  it('accepts links that resolve and names the problem otherwise', () => {
    for (const ok of ['#/lab/attention?text=x', '#/models', '#/stage/2/transformer', '#/stage/7/summary', '#/glossary/token', '#/path']) {
      expect(checkAppLink(ok, curriculum, terms)).toBeNull();
    }
    expect(checkAppLink('#/lab/nope', curriculum, terms)).toMatch(/unknown lab/);
    expect(checkAppLink('#/stage/2/nope', curriculum, terms)).toMatch(/no topic 2\/nope/);
    expect(checkAppLink('#/stage/9', curriculum, terms)).toMatch(/no stage 9/);
    expect(checkAppLink('#/glossary/nope', curriculum, terms)).toMatch(/no glossary term/);
    expect(checkAppLink('#/wat', curriculum, terms)).toMatch(/no such route/);
  });
});
