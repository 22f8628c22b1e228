// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeAligned } from './bert-normalizer';
import { OffsetTokenizer } from './offset-tokenizer';
import { UnsupportedTokenizerError } from './tokenizer-spec';

const json = JSON.parse(readFileSync('tests/fixtures/models/tiny-bert-ner/tokenizer.json', 'utf8'));
const tok = OffsetTokenizer.fromJSON(json);

/** [token, source text under its offsets] for each token. */
const pairs = (text: string) => tok.encode(text).map((t) => [t.token, text.slice(t.start, t.end)]);

describe('OffsetTokenizer.encode(text)', () => {
  it('splits a word into pieces whose offsets cover the original, mixed-case text', () => {
    expect(pairs('İstanbul café')).toEqual([
      ['is', 'İs'], ['##ta', 'ta'], ['##n', 'n'], ['##bu', 'bu'], ['##l', 'l'], ['ca', 'ca'], ['##fe', 'fé'],
    ]);
  });
  it('numbers words, punctuation being a word of its own, and marks continuation pieces', () => {
    const t = tok.encode('Aspirin-induced asthmas.');
    expect(t.map((x) => [x.token, x.word, x.continuation])).toEqual([
      ['aspirin', 0, false], ['-', 1, false], ['induced', 2, false], ['asthma', 3, false], ['##s', 3, true], ['.', 4, false],
    ]);
  });
  it('keeps offsets right after emoji, surrogate pairs and CJK (UTF-16 units)', () => {
    expect(pairs('😀 fever 中文 𠀀x and 👍🏽 rash')).toEqual([
      ['[UNK]', '😀'], ['fever', 'fever'], ['中', '中'], ['文', '文'], ['[UNK]', '𠀀x'], ['and', 'and'], ['[UNK]', '👍🏽'], ['rash', 'rash'],
    ]);
    const text = '👨‍👩‍👧 gout';
    const gout = tok.encode(text).at(-1)!;
    expect([gout.start, gout.end, text.slice(gout.start, gout.end)]).toEqual([9, 13, 'gout']);
  });
  it('matches special tokens in the raw text, as transformers.js does', () => {
    expect(pairs('[CLS]x [MASK].')).toEqual([['[CLS]', '[CLS]'], ['x', 'x'], ['[MASK]', '[MASK]'], ['.', '.']]);
  });
  it('gives an unknown-token span for a word over 100 characters', () => {
    const long = 'a'.repeat(101);
    expect(tok.encode(`${long} b`).map((t) => [t.token, t.start, t.end])).toEqual([['[UNK]', 0, 101], ['b', 102, 103]]);
  });
  it('returns nothing for empty or all-whitespace text', () => {
    expect(tok.encode('')).toEqual([]);
    expect(tok.encode(' \n\t\u200b')).toEqual([]);
  });
  it('places every token on source text that normalizes to contain it', () => {
    const text = 'Ångström façade — “Naïve” ΣΑΣ IL-2 β-blocker 3.5mg/kg résumé\u0301 한국어 カタカナ';
    for (const t of tok.encode(text)) {
      if (t.token === '[UNK]') continue;
      // a lone Σ lowercases to σ; in context (end of a word) it was ς
      const fold = (s: string) => s.replaceAll('ς', 'σ');
      const under = fold(normalizeAligned(text.slice(t.start, t.end), tok.spec.normalizer).text);
      expect(under, t.token).toContain(fold(t.token.replace(/^##/, '')));
    }
  });
});

describe('OffsetTokenizer.encodeWords(words)', () => {
  it('encodes each word on its own and numbers tokens by word', () => {
    expect(tok.encodeWords(['Na+', 'channels']).map((t) => [t.token, t.word, t.start, t.end])).toEqual([
      ['na', 0, 0, 2], ['+', 0, 2, 3], ['channels', 1, 0, 8],
    ]);
  });
});

describe('OffsetTokenizer.fromJSON(json)', () => {
  it('rejects a tokenizer that is not BERT WordPiece', () => {
    expect(() => OffsetTokenizer.fromJSON({ ...json, model: { type: 'BPE', vocab: {} } })).toThrow(UnsupportedTokenizerError);
    expect(() => OffsetTokenizer.fromJSON({ ...json, pre_tokenizer: { type: 'ByteLevel' } })).toThrow(/BertPreTokenizer/);
  });
});
