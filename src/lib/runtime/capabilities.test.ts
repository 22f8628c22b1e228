// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAttentionSoftmaxes } from '../onnx/expose-attentions';
import { decodeModel } from '../onnx/onnx-proto';
import { attentionOutputs, hiddenStateOutput, labsFor, probeCapabilities, readLabels, textFeedable } from './capabilities';
import { summarizeOnnx } from './onnx-graph';
import { passThroughGraph, toyEncoder, toyMaskedLM } from './test-support/onnx-writer';
import type { Capabilities } from './types';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Capabilities of a model folder from its config.json, the header (inputs, outputs) of one graph and its attention Softmaxes, as `inspect` reads them. */
function folderCaps(dir: string, graph: string) {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const bytes = new Uint8Array(readFileSync(join(dir, 'onnx', graph)));
  const summary = summarizeOnnx(bytes);
  const softmaxes = findAttentionSoftmaxes(decodeModel(bytes)).length;
  return probeCapabilities(config, summary.outputs.map((o) => o.name), summary.inputs.map((i) => i.name), softmaxes);
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

describe('labsFor', () => {
  const encoder: Capabilities = { featureExtraction: true, fillMask: false, tokenClassification: false, attentions: false };
  it('labsFor(caps) offers the Attention lab for attention outputs, or for attention Softmaxes that surgery can expose', () => {
    expect(labsFor({ ...encoder, attentions: true })).toEqual(['attention', 'vector-search']);
    expect(labsFor({ ...encoder, attentionSoftmaxes: 4 })).toEqual(['attention', 'vector-search']);
    expect(labsFor({ ...encoder, attentionSoftmaxes: 1, featureExtraction: false, tokenClassification: true })).toEqual(['attention', 'ner']);
  });

  it('labsFor(caps) does not offer it without either: a fused-attention graph (0 Softmaxes), or a graph not inspected', () => {
    expect(labsFor({ ...encoder, attentionSoftmaxes: 0 })).toEqual(['vector-search']);
    expect(labsFor(encoder)).toEqual(['vector-search']);
  });

  it('probeCapabilities keeps the Softmax count for a graph it can feed, drops it for one it cannot', () => {
    expect(probeCapabilities({}, ['last_hidden_state'], ['input_ids'], 3).attentionSoftmaxes).toBe(3);
    expect(probeCapabilities({}, ['last_hidden_state'], ['pixel_values'], 3).attentionSoftmaxes).toBeUndefined();
    expect(probeCapabilities({}, ['last_hidden_state']).attentionSoftmaxes).toBeUndefined();
  });
});

describe('helpers', () => {
  it('textFeedable(inputs) needs input_ids and nothing beyond attention_mask and token_type_ids', () => {
    expect(textFeedable(['input_ids', 'attention_mask', 'token_type_ids'])).toBe(true);
    expect(textFeedable(['input_ids'])).toBe(true);
    expect(textFeedable(['input_ids', 'attention_mask', 'position_ids'])).toBe(false);
    expect(textFeedable(['attention_mask', 'token_type_ids'])).toBe(false);
    expect(textFeedable(['inputs_embeds', 'attention_mask'])).toBe(false);
    expect(textFeedable([])).toBe(false);
  });

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

  it('crafted graphs the runtime cannot feed: an image encoder, a decoder with a key/value cache — no task, no lab', () => {
    const names = (g: Uint8Array) => {
      const s = summarizeOnnx(g);
      return { inputs: s.inputs.map((i) => i.name), outputs: s.outputs.map((o) => o.name) };
    };
    const vit = names(passThroughGraph([{ name: 'pixel_values', elemType: 1, shape: ['b', 3, 224, 224] }], ['last_hidden_state', 'attentions.0']));
    const vitCaps = probeCapabilities({ architectures: ['ViTModel'], hidden_size: 768 }, vit.outputs, vit.inputs);
    expect(vitCaps).toEqual({
      featureExtraction: false,
      fillMask: false,
      tokenClassification: false,
      attentions: false,
      hiddenSize: 768,
      unsupportedInputs: ['pixel_values'],
    });
    expect(labsFor(vitCaps)).toEqual([]);
    const ids = (name: string) => ({ name, elemType: 7, shape: ['b', 's'] });
    const kv = { name: 'past_key_values.0.key', elemType: 1, shape: ['b', 12, 'past', 64] };
    const gpt = names(passThroughGraph([ids('input_ids'), ids('attention_mask'), ids('position_ids'), kv], ['logits']));
    const gptCaps = probeCapabilities({ architectures: ['GPT2LMHeadModel'], n_embd: 768, n_layer: 6, n_head: 12 }, gpt.outputs, gpt.inputs);
    expect(gptCaps.unsupportedInputs).toEqual(['input_ids', 'attention_mask', 'position_ids', 'past_key_values.0.key']);
    expect([gptCaps.hiddenSize, gptCaps.numLayers, gptCaps.numHeads]).toEqual([768, 6, 12]);
    expect(labsFor(gptCaps)).toEqual([]);
    // BERT's three inputs, or fewer, are fed: the same graph outputs then serve their labs
    const enc = names(toyEncoder());
    expect(enc.inputs).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(labsFor(probeCapabilities({ architectures: ['BertModel'] }, enc.outputs, enc.inputs))).toEqual(['attention', 'vector-search']);
    expect(probeCapabilities({ architectures: ['BertModel'] }, enc.outputs, enc.inputs).unsupportedInputs).toBeUndefined();
  });

  it('the tiny-bert fixtures: with attention outputs, without them (surgery), token classifier, fused attention', () => {
    const fixtures = join(ROOT, 'tests/fixtures/models');
    const withOutputs = folderCaps(join(fixtures, 'tiny-bert'), 'model.onnx');
    expect([withOutputs.attentions, withOutputs.attentionSoftmaxes]).toEqual([true, 2]);
    expect(labsFor(withOutputs)).toEqual(['attention', 'vector-search']);
    for (const graph of ['model.onnx', 'model_quantized.onnx']) {
      const without = folderCaps(join(fixtures, 'tiny-bert-noattn'), graph);
      expect([without.attentions, without.attentionSoftmaxes], graph).toEqual([false, 2]);
      expect(labsFor(without), graph).toEqual(['attention', 'vector-search']);
    }
    const ner = folderCaps(join(fixtures, 'tiny-bert-ner'), 'model.onnx');
    expect(labsFor(ner)).toEqual(['attention', 'ner']);
    expect(Object.values(ner.labels ?? {})).toEqual(['O', 'B-Disease', 'I-Disease', 'B-Chemical', 'I-Chemical']);
    const fused = folderCaps(join(ROOT, 'tests/fixtures/attention/fused-bert'), 'model.onnx');
    expect([fused.attentions, fused.attentionSoftmaxes]).toEqual([false, 0]);
    expect(labsFor(fused)).toEqual(['vector-search']);
  });

  // every shipped model is a BERT encoder whose int8 graph keeps its attention Softmaxes visible
  const shipped: Record<string, string[]> = { 'mini-bert-zh-en': ['attention', 'vector-search'], 'mini-bert-med-ner': ['attention', 'ner'], 'mini-embed-zh-en': ['attention', 'vector-search'] };
  for (const [id, labs] of Object.entries(shipped)) {
    const dir = join(ROOT, 'models', id);
    const graphs = existsSync(join(dir, 'onnx')) ? readdirSync(join(dir, 'onnx')) : [];
    const graph = ['model_quantized.onnx', 'model.onnx'].find((g) => graphs.includes(g));
    it.skipIf(!graph)(`shipped ${id} serves ${labs.join(', ')}${graph ? '' : ' (not built yet: skipped)'}`, () => {
      expect(labsFor(folderCaps(dir, graph!))).toEqual(labs);
    }, 60_000);
  }
});
