// @vitest-environment node
/**
 * Our offset tokenizer must give exactly the ids transformers.js gives. transformers.js 4.3.2
 * tokenizes with `Tokenizer` from @huggingface/tokenizers (tokenization_utils.js wraps it), so
 * that class is the reference here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { parseIob } from '../eval/iob';
import { OffsetTokenizer } from './offset-tokenizer';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const TRICKY = [
  'Aspirin-induced asthma in BRCA1-positive patients (n=12; p<0.05).',
  'İstanbul ΣΑΣ ΟΔΥΣΣΕΥΣ café naïve Ångström ẞ ǅ ﬁ ² ½ Ⅻ',
  'Façade — “quotes” ‘single’ … «guillemets» ¿qué? ¡sí!',
  '[CLS] text with [MASK] and [SEP]x [UNK][PAD] [cls] [MASK',
  '😀 emoji 👍🏽 family 👨‍👩‍👧 flag 🇨🇳 keycap 1️⃣ ❤️',
  '中文医学文本：患者出现发热、咳嗽。 カタカナとひらがな 한국어 텍스트 𠀀𠀁x 丽',
  'ctrl\u0000\u0007 tab\there\u000bvt\u000cff\r\nnl\u0085nel\u2028ls\u2029ps',
  'zero\u200bwidth\u200c\u200djoin\ufeffbom \u00ad soft hyphen',
  'lone \ud800 high and \udc00 low surrogates\ud83d',
  'e\u0301\u0327 a\u0308\u0304 \u0301start o\u0323\u0302 \u0e01\u0e34 \u0915\u094d\u0937',
  'x'.repeat(100) + ' ' + 'y'.repeat(101) + ' ' + '😀'.repeat(101),
  'nbsp\u00a0ideographic\u3000em\u2003space',
  'unassigned \u0378 private \ue000 replacement \ufffd',
  '3.5mg/kg 10^-3 IL-2 β-blocker α-tocopherol Na+/K+-ATPase 5-HT(2A) t(14;18)',
  '<img src=x onerror=alert(1)>',
  '',
  '   ',
];

function corpusSentences(): string[] {
  const path = 'public/data/ner/ncbi-disease-test.iob.txt';
  return parseIob(readFileSync(path, 'utf8')).map((s) => s.words.join(' '));
}

function checkParity(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, texts: string[]) {
  const reference = new Tokenizer(tokenizerJson, tokenizerConfig);
  const ours = OffsetTokenizer.fromJSON(tokenizerJson);
  const mismatches = texts
    .map((text) => ({ text, expected: reference.encode(text).ids, got: ours.withSpecialTokens(ours.encode(text).map((t) => t.id)) }))
    .filter((m) => m.expected.join() !== m.got.join());
  expect(mismatches.slice(0, 3)).toEqual([]);
}

const fixture = 'tests/fixtures/models/tiny-bert-ner';
const tokJson = readJson(`${fixture}/tokenizer.json`);
const tokConfig = readJson(`${fixture}/tokenizer_config.json`);

describe('OffsetTokenizer parity with transformers.js', { timeout: 60_000 }, () => {
  it('gives the same ids on tricky strings (uncased, accents stripped)', () => {
    checkParity(tokJson, tokConfig, TRICKY);
  });
  it('gives the same ids on every NCBI-disease test sentence', () => {
    checkParity(tokJson, tokConfig, corpusSentences());
  });
  it('gives the same ids on the held-out zh/en parity sentences', () => {
    const parity = readJson('tests/fixtures/models/tokenizer-parity.json') as { en: { text: string }[]; zh: { text: string }[] };
    checkParity(tokJson, tokConfig, [...parity.en, ...parity.zh].map((p) => p.text));
  });
  it('gives the same ids for a cased tokenizer, with and without accent stripping', () => {
    const cased = { ...tokJson, normalizer: { ...tokJson.normalizer, lowercase: false, strip_accents: null } };
    checkParity(cased, { ...tokConfig, do_lower_case: false }, TRICKY);
    const stripped = { ...cased, normalizer: { ...cased.normalizer, strip_accents: true } };
    checkParity(stripped, { ...tokConfig, do_lower_case: false }, TRICKY);
  });
  it('gives the same ids when added tokens are matched after normalization', () => {
    const added = (tokJson.added_tokens as Record<string, unknown>[]).map((t) => ({ ...t, normalized: t.content === '[MASK]' }));
    checkParity({ ...tokJson, added_tokens: added }, tokConfig, TRICKY);
  });
  for (const id of ['mini-bert-med-ner', 'mini-bert-zh-en']) {
    const dir = `models/${id}`;
    it.skipIf(!existsSync(`${dir}/tokenizer.json`))(`gives the same ids with the shipped ${id} tokenizer`, () => {
      checkParity(readJson(`${dir}/tokenizer.json`), readJson(`${dir}/tokenizer_config.json`), [...TRICKY, ...corpusSentences()]);
    });
  }
});
