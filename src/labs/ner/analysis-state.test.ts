import { describe, expect, it } from 'vitest';
import { AnalysisState } from './analysis-state.svelte';
import { loadNerModel } from './inference/load-ner-model';
import type { RunModel } from './inference/token-classifier';
import { modelInfo, oracleRun, tokenizerJson } from './test-support';

const model = await loadNerModel({ load: async () => modelInfo(), readTokenizer: async () => tokenizerJson() }, { source: 'shipped', id: 't' });
const id = (w: string) => model.tokenizer.encode(w)[0]!.id;
const labels = new Map([[id('renal'), 1], [id('failure'), 2], [id('cisplatin'), 3]]);

describe('AnalysisState', () => {
  it('tags a text longer than one window and re-decodes when the strategy changes', async () => {
    const text = 'After cisplatin 😀, renal failure and more renal failure was seen in many many patients.';
    const a = new AnalysisState(text);
    await a.analyse(model, oracleRun(labels).run);
    expect(a.result?.windows).toBeGreaterThan(1);
    expect(a.entities.map((e) => [e.type, text.slice(e.start, e.end)])).toEqual([
      ['Chemical', 'cisplatin'],
      ['Disease', 'renal failure'],
      ['Disease', 'renal failure'],
    ]);
    a.strategy = 'none';
    expect(a.entities.map((e) => e.label)).toEqual(['B-Chemical', 'B-Disease', 'I-Disease', 'B-Disease', 'I-Disease']);
    expect(a.running).toBe(false);
  });
  it('labels an abbreviation defined in the text like its long form, unless abbreviation consistency is off', async () => {
    const text = 'Renal failure (RF) after cisplatin; RF recurred.';
    const a = new AnalysisState(text);
    await a.analyse(model, oracleRun(labels).run);
    expect(a.abbreviations).toBe(true);
    expect(a.entities.map((e) => [e.type, e.text])).toEqual([['Disease', 'Renal failure'], ['Disease', 'RF'], ['Chemical', 'cisplatin'], ['Disease', 'RF']]);
    a.abbreviations = false;
    expect(a.entities.map((e) => e.text)).toEqual(['Renal failure', 'cisplatin']);
  });
  it('gives an empty result for empty text', async () => {
    const a = new AnalysisState('');
    await a.analyse(model, oracleRun(labels).run);
    expect([a.result?.tokens.length, a.entities, a.error]).toEqual([0, [], null]);
  });
  it('stops without an error when cancelled, and shows a failure', async () => {
    const a = new AnalysisState('renal failure '.repeat(50));
    const slow: RunModel = (h, i, o) => new Promise((ok, fail) => setTimeout(() => oracleRun(labels).run(h, i, o).then(ok, fail), 5));
    const p = a.analyse(model, slow);
    a.cancel();
    await p;
    expect([a.running, a.error, a.result]).toEqual([false, null, null]);
    await a.analyse(model, async () => Promise.reject(new Error('boom')));
    expect((a.error as Error).message).toBe('boom');
  });
});
