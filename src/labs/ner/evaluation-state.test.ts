import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EvaluationState } from './evaluation-state.svelte';
import { loadNerModel } from './inference/load-ner-model';
import { NerError } from './ner-error';
import { modelInfo, oracleRun, tokenizerJson } from './test-support';

const model = await loadNerModel({ load: async () => modelInfo({ maxLength: 64 }), readTokenizer: async () => tokenizerJson() }, { source: 'shipped', id: 't' });
const id = (w: string) => model.tokenizer.encode(w)[0]!.id;
const iob = ['Renal\tB-Disease', 'failure\tI-Disease', 'after\tO', 'cisplatin\tB-Chemical', '', 'Zorbitis\tB-Disease', 'again\tO', ''].join('\n');
const file = (text: string, name = 'mine.tsv') => new File([text], name);

describe('EvaluationState', () => {
  beforeEach(() => {
    // the gazetteer comes from public/data/ner, as the app serves it
    vi.stubGlobal('fetch', async (url: string) => new Response(readFileSync(`public/data/ner/${String(url).split('/').pop()}`, 'utf8')));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('scores the model and the dictionary on the learner\'s IOB file', async () => {
    const e = new EvaluationState();
    await e.loadFile(file(iob));
    expect([e.setId, e.file?.sentences.length]).toEqual(['file', 2]);
    // the model finds renal failure and cisplatin but misses Zorbitis
    const oracle = oracleRun(new Map([[id('renal'), 1], [id('failure'), 2], [id('cisplatin'), 3]]));
    await e.evaluate(model, oracle.run);
    // one window per call, unpadded: an int8 model's tags must not depend on the other sentences
    expect(oracle.calls.map((c) => [c.inputIds.length, c.attentionMask[0]!.every((m) => m === 1)])).toEqual([[1, true], [1, true]]);
    const r = e.result!;
    expect(r.report.types).toEqual(['Chemical', 'Disease']);
    expect(r.report.model.scores.overall).toMatchObject({ tp: 2, predicted: 2, gold: 3 });
    expect(r.report.model.errorCounts['false-negative']).toBe(1);
    // the dictionary knows "renal failure" and "cisplatin" from training, never "Zorbitis"
    expect(r.report.baseline.scores.overall.tp).toBe(2);
    expect(r.report.model.unseen.overall.gold).toBe(1);
    expect(r.tokens).toBeGreaterThan(0);
  });
  it('makes abbreviations consistent over the file as running text, unless turned off', async () => {
    const text = ['Renal\tB-Disease', 'failure\tI-Disease', '(\tO', 'RF\tB-Disease', ')\tO', '', 'RF\tB-Disease', 'again\tO', ''].join('\n');
    const oracle = oracleRun(new Map([[id('renal'), 1], [id('failure'), 2]]));
    const e = new EvaluationState();
    await e.loadFile(file(text));
    expect(e.abbreviations).toBe(true);
    await e.evaluate(model, oracle.run);
    expect([e.result!.abbreviations, e.result!.report.model.scores.overall.tp]).toEqual([true, 3]);
    e.abbreviations = false;
    await e.evaluate(model, oracle.run);
    expect([e.result!.abbreviations, e.result!.report.model.scores.overall.tp]).toEqual([false, 1]);
  });
  it('refuses a file that is not IOB, and a model whose labels do not cover the types', async () => {
    const e = new EvaluationState();
    await e.loadFile(file('just some text\nwithout tags'));
    expect((e.error as NerError).code).toBe('bad-iob');
    await e.loadFile(file('PER\tB-Person\n'));
    await e.evaluate(model, oracleRun(new Map()).run);
    expect((e.error as NerError).code).toBe('not-scorable');
  });
});
