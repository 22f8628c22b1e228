/**
 * Writes ../example.json: the attention of the default sentence, shown at once while the model loads.
 *
 *   node src/labs/attention/tools/make-example.mjs [modelDir]
 *
 * modelDir defaults to models/mini-bert-zh-en (the shipped model), else the tiny-bert test fixture.
 * Re-run whenever the shipped model changes. Uses transformers.js's tokenizer (the app's) and
 * onnxruntime-node on the model's fp32 graph, which must output attentions.*.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const shipped = join(root, 'models/mini-bert-zh-en');
const modelDir = resolve(process.argv[2] ?? (existsSync(join(shipped, 'config.json')) ? shipped : join(root, 'tests/fixtures/models/tiny-bert')));
const text = "The animal didn't cross the street because it was too tired.";

env.allowRemoteModels = false;
env.localModelPath = dirname(modelDir) + '/';
const tokenizer = await AutoTokenizer.from_pretrained(relative(dirname(modelDir), modelDir));
const enc = tokenizer(text);
const ids = Array.from(enc.input_ids.data, Number);
const types = Array.from(enc.token_type_ids.data, Number);
const tokens = ids.map((id) => tokenizer._tokenizer.id_to_token(id));

const session = await ort.InferenceSession.create(join(modelDir, 'onnx/model.onnx'));
const feed = (xs) => new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);
const out = await session.run({ input_ids: feed(ids), attention_mask: feed(ids.map(() => 1)), token_type_ids: feed(types) });
const names = session.outputNames.filter((n) => /^attentions\.\d+$/.test(n)).sort((a, b) => a.split('.')[1] - b.split('.')[1]);
if (names.length === 0) throw new Error(`${modelDir} has no attentions.* outputs`);
const [, heads, seq] = out[names[0]].dims;
const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
const example = {
  model: relative(root, modelDir),
  note: config.note ?? null,
  text,
  textPair: '',
  tokens,
  segments: types,
  layers: names.length,
  heads: Number(heads),
  seq: Number(seq),
  // Per layer: heads × seq × seq, row-major, 4 decimals.
  attentions: names.map((n) => Array.from(out[n].data, (x) => Math.round(x * 1e4) / 1e4)),
};
writeFileSync(join(here, '../example.json'), JSON.stringify(example) + '\n');
console.log(`example.json: ${example.model}, ${tokens.length} tokens, ${example.layers} layers × ${example.heads} heads`);
