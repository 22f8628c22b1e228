/**
 * For unit tests in Node: the runtime's `load / tokenize / run / fillMask` over the tiny-bert fixtures in
 * tests/fixtures/models, on real parts — transformers.js's tokenizer, onnxruntime-node, and the same
 * graph surgery the worker applies for `exposeAttentions`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { exposeAttentions } from '../../lib/onnx/expose-attentions';
import { truncateEncoding } from '../../lib/runtime/truncate';
import type { ModelInfo, ModelRef, TensorData } from '../../lib/runtime/types';
import type { AttentionRuntime } from './attention-lab.svelte';

const FIXTURES = resolve(import.meta.dirname, '../../../tests/fixtures/models');

export function nodeFixtureRuntime(): AttentionRuntime & { calls: string[] } {
  const sessions = new Map<string, { session: ort.InferenceSession; tokenizer: PreTrainedTokenizer }>();
  const calls: string[] = [];
  env.allowRemoteModels = false;
  env.localModelPath = FIXTURES + '/';
  const get = (handle: string) => {
    const s = sessions.get(handle);
    if (!s) throw new Error(`unknown handle ${handle}`);
    return s;
  };
  return {
    calls,
    async load(ref: ModelRef, opts = {}) {
      calls.push(`load ${ref.id} ${opts.modelFile ?? 'model'}${opts.exposeAttentions ? ' +attentions' : ''}${opts.signal ? ' (cancellable)' : ''}`);
      opts.signal?.throwIfAborted();
      const config = JSON.parse(readFileSync(`${FIXTURES}/${ref.id}/config.json`, 'utf8')) as Record<string, unknown>;
      let bytes: Uint8Array = readFileSync(`${FIXTURES}/${ref.id}/onnx/${opts.modelFile ?? 'model'}.onnx`);
      if (opts.exposeAttentions) bytes = exposeAttentions(bytes).bytes;
      const session = await ort.InferenceSession.create(bytes);
      const tokenizer = await AutoTokenizer.from_pretrained(ref.id);
      const handle = `${ref.id}#${sessions.size}`;
      sessions.set(handle, { session, tokenizer });
      const info: Partial<ModelInfo> = {
        handle, ref, inputNames: [...session.inputNames], outputNames: [...session.outputNames], config, maxLength: 16,
        capabilities: { featureExtraction: true, fillMask: false, tokenClassification: false, attentions: true, numLayers: 2, numHeads: 2 },
      };
      return info as ModelInfo;
    },
    async tokenize(handle, text, textPair, opts = {}) {
      const { tokenizer } = get(handle);
      const enc = tokenizer(text, { text_pair: textPair ?? null });
      const ids = Array.from(enc.input_ids.data as BigInt64Array, Number);
      const full = { ids, types: Array.from(enc.token_type_ids!.data as BigInt64Array, Number), special: ids.map((id) => tokenizer.all_special_ids.includes(id)) };
      // The runtime's own truncation (Hugging Face `longest_first`, keeping [CLS]/[SEP]).
      const e = opts.truncation && opts.maxLength ? truncateEncoding(full, opts.maxLength) : full;
      const tokens = e.ids.map((id) => (tokenizer as unknown as { _tokenizer: { id_to_token(id: number): string } })._tokenizer.id_to_token(id));
      return { inputIds: e.ids, tokenTypeIds: e.types, tokens };
    },
    async run(handle, inputs, opts = {}) {
      calls.push(`run ${handle}`);
      const { session } = get(handle);
      if (!('inputIds' in inputs)) throw new Error('this test runtime takes ids');
      const feed = (rows: number[][]) => new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0]!.length]);
      const out = await session.run({ input_ids: feed(inputs.inputIds), attention_mask: feed(inputs.attentionMask), token_type_ids: feed(inputs.tokenTypeIds!) });
      const result: Record<string, TensorData> = {};
      for (const name of opts.outputs ?? Object.keys(out)) result[name] = { dims: [...out[name]!.dims], type: 'float32', data: out[name]!.data as Float32Array };
      return result;
    },
    async fillMask() {
      throw new Error('fill-mask is not part of this test runtime');
    },
  };
}
