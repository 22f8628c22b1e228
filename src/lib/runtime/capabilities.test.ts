import { describe, expect, it } from 'vitest';
import { attentionOutputs, hiddenStateOutput, labsFor, probeCapabilities, readLabels } from './capabilities';

const miniBert = {
  architectures: ['BertForMaskedLM'],
  model_type: 'bert',
  hidden_size: 256,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  vocab_size: 16000,
};
const nerConfig = {
  architectures: ['BertForTokenClassification'],
  hidden_size: 256,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  id2label: { '0': 'O', '1': 'B-Disease', '2': 'I-Disease', '3': 'B-Chemical', '4': 'I-Chemical' },
};

describe('probeCapabilities on the shipped models', () => {
  it('mini-bert-zh-en feature graph: feature extraction + attentions, not fill-mask', () => {
    const outs = ['last_hidden_state', 'attentions.0', 'attentions.1', 'attentions.2', 'attentions.3'];
    expect(probeCapabilities(miniBert, outs)).toEqual({
      featureExtraction: true,
      fillMask: false,
      tokenClassification: false,
      attentions: true,
      hiddenSize: 256,
      numLayers: 4,
      numHeads: 4,
    });
    expect(labsFor(probeCapabilities(miniBert, outs))).toEqual(['attention', 'vector-search']);
  });

  it('mini-bert-zh-en MLM graph (logits): fill-mask only', () => {
    const caps = probeCapabilities(miniBert, ['logits']);
    expect(caps.fillMask).toBe(true);
    expect(caps.featureExtraction).toBe(false);
    expect(caps.tokenClassification).toBe(false);
    expect(labsFor(caps)).toEqual([]);
  });

  it('mini-bert-med-ner: token classification with its five labels', () => {
    const caps = probeCapabilities(nerConfig, ['logits']);
    expect(caps.tokenClassification).toBe(true);
    expect(caps.fillMask).toBe(false);
    expect(caps.labels).toEqual({ 0: 'O', 1: 'B-Disease', 2: 'I-Disease', 3: 'B-Chemical', 4: 'I-Chemical' });
    expect(labsFor(caps)).toEqual(['ner']);
  });

  it('mini-embed-zh-en: feature extraction without attentions', () => {
    const caps = probeCapabilities({ architectures: ['BertModel'], hidden_size: 256 }, ['last_hidden_state']);
    expect(labsFor(caps)).toEqual(['vector-search']);
    expect(caps.attentions).toBe(false);
  });
});

describe('probeCapabilities on Hub-style configs', () => {
  it('a DistilBERT feature graph reads dim / n_layers / n_heads', () => {
    const caps = probeCapabilities({ architectures: ['DistilBertForMaskedLM'], dim: 768, n_layers: 6, n_heads: 12 }, ['last_hidden_state']);
    expect([caps.hiddenSize, caps.numLayers, caps.numHeads]).toEqual([768, 6, 12]);
    expect(caps.featureExtraction).toBe(true);
  });

  it('placeholder LABEL_n labels do not make a classifier; real labels without an architecture do', () => {
    expect(probeCapabilities({ id2label: { 0: 'LABEL_0', 1: 'LABEL_1' } }, ['logits']).tokenClassification).toBe(false);
    expect(probeCapabilities({ id2label: { 0: 'O', 1: 'B-PER' } }, ['logits']).tokenClassification).toBe(true);
  });

  it('a single stacked `attentions` output counts; `attention_mask`-like names do not', () => {
    expect(probeCapabilities({}, ['attentions']).attentions).toBe(true);
    expect(probeCapabilities({}, ['attention_scores', 'attentions_x']).attentions).toBe(false);
  });
});

describe('helpers', () => {
  it('readLabels rejects non-integer keys and non-string labels', () => {
    expect(readLabels({ id2label: { a: 'x' } })).toBeUndefined();
    expect(readLabels({ id2label: { 0: 3 } })).toBeUndefined();
    expect(readLabels({ id2label: [] })).toBeUndefined();
  });

  it('attentionOutputs sorts numerically; hiddenStateOutput prefers last_hidden_state', () => {
    expect(attentionOutputs(['attentions.10', 'logits', 'attentions.2', 'attentions.0'])).toEqual(['attentions.0', 'attentions.2', 'attentions.10']);
    expect(hiddenStateOutput(['token_embeddings', 'last_hidden_state'])).toBe('last_hidden_state');
    expect(hiddenStateOutput(['logits'])).toBeNull();
  });
});
