// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelScheme } from '../decode/label-scheme';
import { OffsetTokenizer } from '../decode/offset-tokenizer';
import { decodeWords, keepTypes, tagCorpus } from './corpus-tagger';
import { oracleRun as oracle } from '../test-support';
import type { ClassifierModel, RunModel } from './token-classifier';

const tokenizer = OffsetTokenizer.fromJSON(JSON.parse(readFileSync('tests/fixtures/models/tiny-bert-ner/tokenizer.json', 'utf8')));
const scheme = labelScheme({ 0: 'O', 1: 'B-Disease', 2: 'I-Disease', 3: 'B-Chemical', 4: 'I-Chemical' });
const model: ClassifierModel = { handle: 'h', scheme, clsId: tokenizer.clsId, sepId: tokenizer.sepId, padId: tokenizer.padId, windowSize: 6 };

const idOf = (word: string) => tokenizer.encode(word)[0]!.id;

describe('decodeWords(firstToken, logits, width, scheme, decode)', () => {
  // word 0 from token 0 (leans O, B-Disease close), word 1 has no pieces, word 2 from token 2 (I-Disease);
  // token 1 (a second piece of word 0) is never read
  const logits = Float32Array.from([[0.5, 0.3, 0.1, 0.05, 0.05], [0.9, 0.025, 0.025, 0.025, 0.025], [0.05, 0.3, 0.55, 0.05, 0.05]].flat().map(Math.log));
  const first = Int32Array.from([0, -1, 2]);
  it('argmax: each word alone (an I- after O stays, and conlleval then starts an entity at it)', () => {
    expect(decodeWords(first, logits, 5, scheme, 'argmax')).toEqual(['O', 'O', 'I-Disease']);
  });
  it('viterbi: the best BIO-consistent sequence over the words that have pieces (.30·.55 beats .50·.30)', () => {
    expect(decodeWords(first, logits, 5, scheme, 'viterbi')).toEqual(['B-Disease', 'O', 'I-Disease']);
  });
  it('a scheme that is not BIO is decoded by argmax either way', () => {
    const flat = labelScheme({ 0: 'A', 1: 'B', 2: 'C', 3: 'D', 4: 'E' });
    expect(decodeWords(first, logits, 5, flat, 'viterbi')).toEqual(['A', 'O', 'C']);
  });
});

describe('tagCorpus(run, model, tokenizer, sentences)', () => {
  const labelOf = new Map([
    [idOf('fever'), 1],
    [idOf('cisplatin'), 3],
    [idOf('renal'), 1],
    [idOf('failure'), 2],
  ]);
  const sentences = [
    ['Fever', 'after', 'cisplatin', '.'],
    // 14 words, longer than the 6-token window: windows overlap and merge
    ['a', 'b', 'renal', 'failure', 'c', 'd', 'e', 'f', 'g', 'fever', 'h', 'i', 'cisplatin', 'j'],
    ['\u200b', 'fever'],
  ];
  it('labels every word from its first piece across windows, and a word with no tokens O', async () => {
    const { run } = oracle(labelOf);
    const tags = await tagCorpus(run, model, tokenizer, sentences, { batchSize: 3, chunkSize: 2 });
    expect(tags).toEqual([
      ['B-Disease', 'O', 'B-Chemical', 'O'],
      ['O', 'O', 'B-Disease', 'I-Disease', 'O', 'O', 'O', 'O', 'O', 'B-Disease', 'O', 'O', 'B-Chemical', 'O'],
      ['O', 'B-Disease'],
    ]);
  });
  it('wraps windows in [CLS]/[SEP], pads each batch to its longest with a zero mask', async () => {
    const { run, calls } = oracle(labelOf);
    await tagCorpus(run, model, tokenizer, sentences.slice(1), { batchSize: 8 });
    const batch = calls[0]!;
    expect(batch.inputIds.every((r) => r.length === 8)).toBe(true);
    const first = [model.clsId, ...tokenizer.encodeWords(sentences[2]!).map((t) => t.id), model.sepId];
    expect(first.length).toBeLessThan(8);
    const row = batch.inputIds.findIndex((r) => r.slice(0, first.length).join() === first.join());
    expect(row).not.toBe(-1);
    expect(batch.inputIds[row]!.slice(first.length).every((id) => id === model.padId)).toBe(true);
    expect(batch.attentionMask[row]).toEqual(first.map(() => 1).concat(new Array(8 - first.length).fill(0)));
    expect(batch.tokenTypeIds!.flat().every((v) => v === 0)).toBe(true);
  });
  it('reports progress in sentences and tokens', async () => {
    const seen: string[] = [];
    await tagCorpus(oracle(labelOf).run, model, tokenizer, sentences, {
      chunkSize: 2,
      onProgress: (d, t) => seen.push(`${d.sentences}/${t.sentences} ${d.tokens}/${t.tokens}`),
    });
    const n = sentences.map((s) => tokenizer.encodeWords(s).length);
    expect(seen).toEqual([`2/3 ${n[0]! + n[1]!}/${n[0]! + n[1]! + n[2]!}`, `3/3 ${n[0]! + n[1]! + n[2]!}/${n[0]! + n[1]! + n[2]!}`]);
  });
  it('with abbreviationScope, makes abbreviations consistent across sentences (off by default)', async () => {
    const text = [['Fever', '(', 'FV', ')', 'after', 'cisplatin', '.'], ['FV', 'and', 'cisplatin'], ['x', 'FV']];
    const plain = await tagCorpus(oracle(labelOf).run, model, tokenizer, text);
    expect(plain).toEqual([['B-Disease', 'O', 'O', 'O', 'O', 'B-Chemical', 'O'], ['O', 'O', 'B-Chemical'], ['O', 'O']]);
    // the last "FV" is 10 words after its "(" (counted over the running text): inside a scope of 10, not 9
    expect(await tagCorpus(oracle(labelOf).run, model, tokenizer, text, { abbreviationScope: 10 })).toEqual([
      ['B-Disease', 'O', 'B-Disease', 'O', 'O', 'B-Chemical', 'O'],
      ['B-Disease', 'O', 'B-Chemical'],
      ['O', 'B-Disease'],
    ]);
    expect((await tagCorpus(oracle(labelOf).run, model, tokenizer, text, { abbreviationScope: 9 }))[2]).toEqual(['O', 'O']);
  });
  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(tagCorpus(oracle(labelOf).run, model, tokenizer, sentences, { signal: controller.signal })).rejects.toThrow();
  });
  it('rejects logits of the wrong shape', async () => {
    const bad: RunModel = async () => ({ logits: { dims: [1, 2, 5], type: 'float32', data: new Float32Array(10) } });
    await expect(tagCorpus(bad, model, tokenizer, sentences)).rejects.toThrow(/shape/);
  });
});

describe('keepTypes(tags, types)', () => {
  it('turns tags of other types into O', () => {
    expect(keepTypes(['B-Chemical', 'I-Disease', 'O', 'B-Disease'], ['Disease'])).toEqual(['O', 'I-Disease', 'O', 'B-Disease']);
  });
});
