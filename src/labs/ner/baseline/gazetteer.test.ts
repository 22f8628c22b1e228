import { describe, expect, it } from 'vitest';
import { parseIob } from '../eval/iob';
import { buildGazetteer } from './build-gazetteer';
import { Gazetteer, mentionKey, readGazetteer } from './gazetteer';

/** Sentences from "word TAG word TAG | word TAG …" ("|" between sentences). */
const iob = (text: string) =>
  parseIob(text.split(' | ').map((s) => s.split(' ').reduce((rows, x, i) => rows + (i % 2 ? `\t${x}\n` : x), '')).join('\n'));
// Training: "renal failure" (Disease) twice; "lead" tagged Chemical once, untagged once; "failure" alone untagged once
const bc5 = iob('Renal B-Disease failure I-Disease after O lead B-Chemical | renal B-Disease failure I-Disease | lead O | failure O');
const ncbi = iob('Ataxia B-Disease - I-Disease telangiectasia I-Disease with O lead O');
const data = buildGazetteer(
  [
    { sentences: bc5, types: ['Chemical', 'Disease'] },
    { sentences: ncbi, types: ['Disease'] },
  ],
  'test',
  0.5,
);

describe('buildGazetteer(corpora)', () => {
  it('counts tagged and total occurrences per type, only in corpora that annotate the type', () => {
    expect(data.types).toEqual(['Chemical', 'Disease']);
    expect(data.entries).toEqual([
      ['ataxia - telangiectasia', 1, 1, 1],
      ['lead', 0, 1, 2],
      ['renal failure', 1, 2, 2],
    ]);
  });
});

describe('Gazetteer', () => {
  it('tags the longest match on word boundaries, case-insensitively', () => {
    const g = new Gazetteer(data);
    expect(g.tagWords(['Acute', 'RENAL', 'failure', 'and', 'lead'])).toEqual([
      { start: 1, end: 3, type: 'Disease' },
      { start: 4, end: 5, type: 'Chemical' },
    ]);
    expect(g.tagWords(['ataxia-telangiectasia'])).toEqual([{ start: 0, end: 1, type: 'Disease' }]);
    expect(g.tagWords(['misleading', 'renal'])).toEqual([]);
  });
  it('leaves out entries below the minimum training precision', () => {
    const strict = new Gazetteer(data, 0.6);
    expect(strict.tagWords(['lead'])).toEqual([]);
    expect(strict.seen('lead', 'Chemical')).toBe(true);
    expect(strict.size).toBe(2);
  });
  it('tags free text with character offsets', () => {
    const text = 'Pt with Ataxia-Telangiectasia; renal failure.';
    expect(new Gazetteer(data).tagText(text).map((e) => [text.slice(e.start, e.end), e.type])).toEqual([
      ['Ataxia-Telangiectasia', 'Disease'],
      ['renal failure', 'Disease'],
    ]);
  });
  it('reads and checks the file format', () => {
    expect(readGazetteer(JSON.parse(JSON.stringify(data)))).toEqual(data);
    expect(() => readGazetteer({ format: 'x' })).toThrow(TypeError);
    expect(() => readGazetteer({ ...data, entries: [['a', 7, 1, 1]] })).toThrow(/bad gazetteer entry/);
  });
  it('keys mentions by lowercased BERT-style pieces', () => {
    expect(mentionKey(['Na+/K+-ATPase', 'deficiency'])).toBe('na + / k + - atpase deficiency');
  });
});

describe('public/data/ner/gazetteer.json', () => {
  it('is a valid gazetteer with training mentions of both types', async () => {
    const { readFileSync } = await import('node:fs');
    const g = new Gazetteer(readGazetteer(JSON.parse(readFileSync('public/data/ner/gazetteer.json', 'utf8'))));
    expect(g.data.types).toEqual(['Chemical', 'Disease']);
    expect(g.size).toBeGreaterThan(3000);
    expect(g.tagWords(['Cisplatin', 'induced', 'breast', 'cancer'])).toEqual([
      { start: 0, end: 1, type: 'Chemical' },
      { start: 2, end: 4, type: 'Disease' },
    ]);
  });
});
