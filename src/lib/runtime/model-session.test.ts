// @vitest-environment node
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { probeCapabilities } from './capabilities';
import { RuntimeError } from './errors';
import { LoadedModel, type SessionLike } from './model-session';
import { passThroughGraph, toyEncoder, toyMaskedLM } from './test-support/onnx-writer';
import { toyTokenizerConfig, toyTokenizerJson } from './test-support/toy-tokenizer';
import { createTokenizer } from './tokenizer';
import type { Progress } from './types';

ort.env.wasm.numThreads = 1;
// ONNX Runtime's wasm start-up and session creation can take seconds on a busy machine
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const makeTensor = (data: BigInt64Array, dims: readonly number[]) => new ort.Tensor('int64', data, [...dims]);
const tokenizer = createTokenizer(toyTokenizerJson(), toyTokenizerConfig());
/** Row v of the toy encoder's embedding table. */
const row = (v: number) => [v, -v, v % 3, 1];

let encoder: SessionLike;
let mlm: SessionLike;
let runs = 0;

beforeAll(async () => {
  const raw = await ort.InferenceSession.create(toyEncoder(16));
  encoder = {
    inputNames: raw.inputNames,
    outputNames: raw.outputNames,
    run: (feeds, fetches) => {
      runs++;
      return (fetches ? raw.run(feeds as never, [...fetches]) : raw.run(feeds as never)) as never;
    },
    release: () => raw.release(),
  };
  mlm = (await ort.InferenceSession.create(toyMaskedLM(16, 4, { 11: 6, 12: 3 }))) as unknown as SessionLike;
});

function model(session = encoder, maxLength = 16): LoadedModel {
  return new LoadedModel({ session, tokenizer, makeTensor, maxLength, capabilities: probeCapabilities({ architectures: ['BertForMaskedLM'] }, session.outputNames) });
}

async function failure(p: Promise<unknown> | (() => unknown)): Promise<RuntimeError> {
  const e = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(RuntimeError);
  return e as RuntimeError;
}

describe('LoadedModel.tokenize', () => {
  it('tokenize(text) gives ids, token types and vocabulary strings', () => {
    expect(model().tokenize('The cats sat')).toEqual({
      inputIds: [2, 10, 11, 9, 12, 3],
      tokenTypeIds: [0, 0, 0, 0, 0, 0],
      tokens: ['[CLS]', 'the', 'cat', '##s', 'sat', '[SEP]'],
    });
  });

  it('tokenize(text, pair, { maxLength }) truncates longest-first and keeps the separators', () => {
    const e = model().tokenize('a b c d', 'the cat', { maxLength: 7 });
    expect(e.tokens).toEqual(['[CLS]', 'a', 'b', '[SEP]', 'the', 'cat', '[SEP]']);
    expect(e.tokenTypeIds).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(model().tokenize('a b c d', undefined, { truncation: false }).inputIds).toHaveLength(6);
  });

  it('tokenize(text, pair, { truncation: false }) keeps every token, also past the model’s max length', () => {
    const long = Array.from({ length: 20 }, () => 'a').join(' ');
    expect(model(undefined, 16).tokenize(long, undefined, { truncation: false }).inputIds).toHaveLength(22);
    expect(model(undefined, 16).tokenize(long).inputIds).toHaveLength(16);
  });

  it('tokenize puts CJK characters one per token', () => {
    expect(model().tokenize('大模型').tokens).toEqual(['[CLS]', '大', '模', '型', '[SEP]']);
  });
});

describe('LoadedModel.run', () => {
  it('run({ text }) returns every output as TensorData', async () => {
    const out = await model().run({ text: 'the cat' });
    expect(Object.keys(out).sort()).toEqual(['attentions.0', 'last_hidden_state']);
    expect(out.last_hidden_state!.dims).toEqual([1, 4, 4]);
    expect(Array.from(out.last_hidden_state!.data as Float32Array)).toEqual([2, 10, 11, 3].flatMap(row));
    expect(out['attentions.0']!.dims).toEqual([1, 1, 4, 4]);
    for (const v of out['attentions.0']!.data as Float32Array) expect(v).toBeCloseTo(0.25, 6);
  });

  it('run({ text, textPair }) feeds token types (the toy graph adds them)', async () => {
    const out = await model().run({ text: 'a', textPair: 'b' });
    expect(Array.from(out.last_hidden_state!.data as Float32Array)).toEqual([...[2, 5, 3].flatMap(row), ...[6, 3].map((v) => row(v).map((x) => x + 1)).flat()]);
  });

  it('run({ inputIds, attentionMask }, { outputs }) uses the ids as given and returns only the named outputs', async () => {
    const out = await model().run({ inputIds: [[2, 7, 3, 0]], attentionMask: [[1, 1, 1, 0]] }, ['attentions.0']);
    expect(Object.keys(out)).toEqual(['attentions.0']);
    const first = Array.from((out['attentions.0']!.data as Float32Array).subarray(0, 4));
    expect(first[3]).toBeLessThan(1e-4);
    expect(first[0]).toBeCloseTo(1 / 3, 4);
  });

  it('run rejects unknown outputs and ids outside the vocabulary', async () => {
    expect((await failure(model().run({ text: 'a' }, ['logits']))).code).toBe('missing-output');
    expect((await failure(model().run({ inputIds: [[2, 99]], attentionMask: [[1, 1]] }))).code).toBe('bad-input');
  });
});

describe('LoadedModel.embed', () => {
  const texts = ['the cat', 'a', 'the cats sat', 'b c', '大模型', 'd', 'cat cat cat cat', 'sat'];

  function expected(text: string, normalize: boolean): number[] {
    const ids = tokenizer.encode(text).ids;
    const mean = [0, 1, 2, 3].map((k) => ids.reduce((s, id) => s + row(id)[k]!, 0) / ids.length);
    const n = Math.hypot(...mean);
    return normalize ? mean.map((v) => v / n) : mean;
  }

  it('embed(texts) mean-pools and normalises each text, in input order, whatever the batching', async () => {
    const seen: Progress[] = [];
    const out = await model().embed(texts, { batchSize: 3 }, (p) => seen.push(p));
    expect(out).toHaveLength(texts.length * 4);
    texts.forEach((t, i) => {
      const got = Array.from(out.subarray(i * 4, i * 4 + 4));
      expected(t, true).forEach((v, k) => expect(got[k], `${t}[${k}]`).toBeCloseTo(v, 5));
    });
    expect(seen.at(-1)).toMatchObject({ stage: 'embed', done: 8, total: 8 });
    const single = await model().embed(texts, { batchSize: 1 });
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(single[i]!, 6);
  });

  it('embed pads each batch to its longest text, not to the model’s maximum (16)', async () => {
    const shapes: number[][] = [];
    const recording: SessionLike = { ...encoder, run: (feeds, fetches) => (shapes.push([...feeds.input_ids!.dims]), encoder.run(feeds, fetches)) };
    // token lengths with [CLS]/[SEP]: 4, 3, 6, 4, 5, 3, 6, 3 → longest first: [2, 6, 4] (6), [0, 3, 1] (4), [5, 7] (3)
    const out = await model(recording, 16).embed(texts, { batchSize: 3 });
    expect(shapes).toEqual([
      [3, 6],
      [3, 4],
      [2, 3],
    ]);
    const single = await model().embed(texts, { batchSize: 1 });
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(single[i]!, 6);
  });

  it('embed(…, { pooling: cls, normalize: false }) takes the [CLS] row as it is', async () => {
    const out = await model().embed(['the cat', 'b'], { pooling: 'cls', normalize: false });
    expect(Array.from(out)).toEqual([...row(2), ...row(2)]);
    const mean = await model().embed(['the cat'], { normalize: false });
    expected('the cat', false).forEach((v, k) => expect(mean[k]).toBeCloseTo(v, 5));
  });

  it('embed stops at the next batch boundary once the signal is aborted', async () => {
    const ac = new AbortController();
    const before = runs;
    const many = Array.from({ length: 40 }, (_, i) => 'the cat '.repeat((i % 5) + 1));
    const err = await failure(model().embed(many, { batchSize: 4 }, (p) => p.done >= 4 && ac.abort(), ac.signal));
    expect(err.kind).toBe('cancelled');
    expect(runs - before).toBe(1);
  });

  it('embed on a graph without a hidden state is refused', async () => {
    expect((await failure(model(mlm).embed(['a']))).code).toBe('no-hidden-state');
  });
});

describe('LoadedModel.fillMask', () => {
  it('fillMask(text, 3) gives the softmax at [MASK], best first, with the filled sentence', async () => {
    const top = await model(mlm).fillMask('the [MASK] sat', 3);
    expect(top.map((t) => [t.token, t.tokenId, t.sequence])).toEqual([
      ['cat', 11, 'the cat sat'],
      ['sat', 12, 'the sat sat'],
      ['[PAD]', 0, 'the sat'],
    ]);
    expect(top[0]!.score).toBeCloseTo(6 / 23, 5);
    expect(top[1]!.score).toBeCloseTo(3 / 23, 5);
    expect(top[2]!.score).toBeCloseTo(1 / 23, 5);
  });

  it('fillMask needs a [MASK] and an MLM graph', async () => {
    expect((await failure(model(mlm).fillMask('the cat'))).code).toBe('no-mask');
    expect((await failure(model(encoder).fillMask('the [MASK]'))).code).toBe('not-fill-mask');
  });
});

describe('LoadedModel.benchmark', () => {
  it('benchmark(text, runs) times each run after the warm-up', async () => {
    const before = runs;
    const r = await model().benchmark('the cat sat', 5, 2);
    expect(r.latenciesMs).toHaveLength(5);
    expect(r.tokens).toBe(5);
    expect(runs - before).toBe(7);
    for (const ms of r.latenciesMs) expect(ms).toBeGreaterThanOrEqual(0);
  });
});

describe('LoadedModel inputs', () => {
  it('a graph whose inputs the runtime cannot build (pixel_values; position_ids) is refused as unsupported-inputs, naming them', async () => {
    for (const inputs of [
      [{ name: 'pixel_values', elemType: 1, shape: ['b', 3, 8, 8] }],
      [
        { name: 'input_ids', elemType: 7, shape: ['b', 's'] },
        { name: 'position_ids', elemType: 7, shape: ['b', 's'] },
      ],
    ]) {
      const session = (await ort.InferenceSession.create(passThroughGraph(inputs, ['last_hidden_state']))) as unknown as SessionLike;
      const err = await failure(() => new LoadedModel({ session, tokenizer, makeTensor, maxLength: 16, file: 'onnx/model.onnx', capabilities: probeCapabilities({}, session.outputNames) }));
      expect(err.code).toBe('unsupported-inputs');
      expect(err.userMessage.en).toContain(`onnx/model.onnx takes inputs this runtime cannot build (${inputs.map((i) => i.name).join(', ')})`);
      await session.release();
    }
  });
});
