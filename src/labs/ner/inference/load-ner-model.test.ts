// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { NerError } from '../ner-error';
import { modelInfo, tokenizerJson } from '../test-support';
import { loadNerModel } from './load-ner-model';

const ref = { source: 'shipped' as const, id: 'tiny-bert-ner' };
const deps = (info = modelInfo(), tokenizer: unknown = tokenizerJson()) => ({ load: async () => info, readTokenizer: async () => tokenizer });
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof NerError ? e.code : String(e);
  }
};

describe('loadNerModel(deps, ref)', () => {
  it('gives the label scheme, the offset tokenizer and windows of max length − 2', async () => {
    const m = await loadNerModel(deps(), ref);
    expect(m.scheme.types).toEqual(['Disease', 'Chemical']);
    expect(m.classifier).toMatchObject({ handle: 'g1/h1', windowSize: 6, clsId: 2, sepId: 3, padId: 0 });
    expect(m.tokenizer.encode('fever').map((t) => t.token)).toEqual(['fever']);
  });
  it('reads the labels from config.json when the capabilities have none', async () => {
    const info = modelInfo();
    const m = await loadNerModel(deps({ ...info, capabilities: { ...info.capabilities, labels: undefined } }), ref);
    expect(m.scheme.labels).toHaveLength(5);
  });
  it('names what is wrong with a model the lab cannot use', async () => {
    const info = modelInfo();
    expect(await code(loadNerModel(deps({ ...info, capabilities: { ...info.capabilities, tokenClassification: false } }), ref))).toBe('not-token-classifier');
    expect(await code(loadNerModel(deps({ ...info, config: {}, capabilities: { ...info.capabilities, labels: undefined } }), ref))).toBe('no-labels');
    expect(await code(loadNerModel(deps(info, null), ref))).toBe('tokenizer-missing');
    expect(await code(loadNerModel(deps(info, { model: { type: 'BPE' } }), ref))).toBe('tokenizer-unsupported');
  });
});
