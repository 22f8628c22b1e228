/**
 * Test doubles for the lab's state tests: a `ModelInfo` like the runtime's, and a `run` that
 * answers with fixed per-token-id labels (what a trained model would be sure of).
 */
import { readFileSync } from 'node:fs';
import type { IdInputs, ModelInfo } from '../../lib/runtime/types';
import type { RunModel } from './inference/token-classifier';

export const LABELS = { 0: 'O', 1: 'B-Disease', 2: 'I-Disease', 3: 'B-Chemical', 4: 'I-Chemical' };

export function tokenizerJson(): unknown {
  return JSON.parse(readFileSync('tests/fixtures/models/tiny-bert-ner/tokenizer.json', 'utf8'));
}

export function modelInfo(over: Partial<ModelInfo> = {}): ModelInfo {
  return {
    handle: 'g1/h1',
    ref: { source: 'shipped', id: 'tiny-bert-ner' },
    backend: 'wasm',
    dtype: 'fp32',
    threads: 1,
    reason: 'test',
    reasonText: { zh: '测试', en: 'test' },
    file: 'onnx/model.onnx',
    sessionMs: 1,
    config: { id2label: LABELS },
    inputNames: ['input_ids', 'attention_mask', 'token_type_ids'],
    outputNames: ['logits'],
    capabilities: { featureExtraction: false, fillMask: false, tokenClassification: true, attentions: false, labels: LABELS },
    maxLength: 8,
    ...over,
  };
}

/** A model that gives token id `id` the label `labelOf.get(id)` (else O) with logit 4; records its calls. */
export function oracleRun(labelOf: ReadonlyMap<number, number>, width = 5): { run: RunModel; calls: IdInputs[] } {
  const calls: IdInputs[] = [];
  const run: RunModel = async (_handle, inputs, opts) => {
    opts?.signal?.throwIfAborted();
    calls.push(inputs);
    const [rows, seq] = [inputs.inputIds.length, inputs.inputIds[0]!.length];
    const data = new Float32Array(rows * seq * width);
    inputs.inputIds.forEach((row, r) => row.forEach((id, t) => (data[(r * seq + t) * width + (labelOf.get(id) ?? 0)] = 4)));
    return { logits: { dims: [rows, seq, width], type: 'float32', data } };
  };
  return { run, calls };
}
