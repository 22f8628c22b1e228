// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attentionOutputs, hiddenStateOutput, labsFor, probeCapabilities, readLabels } from './capabilities';
import { summarizeOnnx } from './onnx-graph';
import { toyEncoder, toyMaskedLM } from './test-support/onnx-writer';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Capabilities of a model folder from its config.json and the header of one graph. */
function folderCaps(dir: string, graph: string) {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  return probeCapabilities(config, summarizeOnnx(new Uint8Array(readFileSync(join(dir, 'onnx', graph)))).outputs.map((o) => o.name));
}

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

describe('probeCapabilities on real graphs', () => {
  it('crafted graphs: a toy encoder with attentions, a toy masked-LM head', () => {
    const enc = summarizeOnnx(toyEncoder()).outputs.map((o) => o.name);
    expect(labsFor(probeCapabilities({ architectures: ['BertModel'] }, enc))).toEqual(['attention', 'vector-search']);
    const mlm = summarizeOnnx(toyMaskedLM(16, 4, { 5: 1 })).outputs.map((o) => o.name);
    expect(probeCapabilities({ architectures: ['BertForMaskedLM'] }, mlm).fillMask).toBe(true);
  });

  it('the tiny-bert fixtures (feature graph with attentions; token classifier)', () => {
    const fixtures = join(ROOT, 'tests/fixtures/models');
    expect(labsFor(folderCaps(join(fixtures, 'tiny-bert'), 'model.onnx'))).toEqual(['attention', 'vector-search']);
    expect(labsFor(folderCaps(join(fixtures, 'tiny-bert-noattn'), 'model.onnx'))).toEqual(['vector-search']);
    const ner = folderCaps(join(fixtures, 'tiny-bert-ner'), 'model.onnx');
    expect(labsFor(ner)).toEqual(['ner']);
    expect(Object.values(ner.labels ?? {})).toEqual(['O', 'B-Disease', 'I-Disease', 'B-Chemical', 'I-Chemical']);
  });

  const shipped: Record<string, string[]> = { 'mini-bert-zh-en': ['attention', 'vector-search'], 'mini-bert-med-ner': ['ner'], 'mini-embed-zh-en': ['vector-search'] };
  for (const [id, labs] of Object.entries(shipped)) {
    const dir = join(ROOT, 'models', id);
    const graphs = existsSync(join(dir, 'onnx')) ? readdirSync(join(dir, 'onnx')) : [];
    const graph = ['model_quantized.onnx', 'model.onnx'].find((g) => graphs.includes(g));
    it.skipIf(!graph)(`shipped ${id} serves ${labs.join(', ')}${graph ? '' : ' (not built yet: skipped)'}`, () => {
      expect(labsFor(folderCaps(dir, graph!))).toEqual(labs);
    }, 60_000);
  }
});
