// @vitest-environment node
import 'fake-indexeddb/auto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHubMimic, type HubMimic } from '../../../tests/fixtures/hub/hub-mimic';
import { labsFor } from './capabilities';
import { InferenceEngine, type OrtApi } from './engine';
import { RuntimeError } from './errors';
import { ShippedCatalog } from './model-sources';
import { ModelStore, openModelsDB } from './model-store';
import { passThroughGraph, writeOnnx } from './test-support/onnx-writer';
import type { BackendProbe, Progress } from './types';

ort.env.wasm.numThreads = 1;
vi.setConfig({ testTimeout: 60_000 });
const FIXTURES = resolve(import.meta.dirname, '../../../tests/fixtures/models');

function filesOf(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== 'reference.json') out[relative(dir, p)] = new Uint8Array(readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const tiny = filesOf(join(FIXTURES, 'tiny-bert'));
/** `/models/…` served from the fixtures folder, as the app serves `models/`. */
const fetched: string[] = [];
const fixtureFetch: typeof fetch = async (input) => {
  const url = new URL(String(input));
  fetched.push(url.pathname);
  if (url.pathname === '/models/manifest.json') {
    const files = Object.entries(tiny).map(([path, b]) => ({ path, size: b.byteLength }));
    return Response.json({ models: [{ id: 'tiny-bert', files, totalBytes: files.reduce((s, f) => s + f.size, 0) }] });
  }
  const m = /^\/models\/tiny-bert\/(.+)$/.exec(url.pathname);
  const body = m ? tiny[decodeURIComponent(m[1]!)] : undefined;
  return body ? new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(body.byteLength) } }) : new Response('not found', { status: 404 });
};

const noGpu: BackendProbe = { webgpu: { available: false, reason: 'navigator.gpu is missing' }, wasm: { simd: true, threads: 1, crossOriginIsolated: false } };
let n = 0;
let hub: HubMimic;

function engine(probe = noGpu, ortApi: OrtApi = ort as unknown as OrtApi) {
  const store = new ModelStore(openModelsDB(`engine-${++n}`));
  const e = new InferenceEngine({
    ort: ortApi,
    store,
    catalog: new ShippedCatalog('http://app.test/models/', fixtureFetch),
    online: () => true,
    probe: async () => ({ probe, adapter: null }),
  });
  return { e, store };
}

const auto = { backend: 'auto', dtype: 'auto', modelFile: 'model' } as const;
const shipped = { source: 'shipped', id: 'tiny-bert' } as const;

async function failure(p: Promise<unknown>): Promise<RuntimeError> {
  const err = await p.then(() => null, (x) => x);
  expect(err).toBeInstanceOf(RuntimeError);
  return err as RuntimeError;
}

beforeAll(async () => {
  hub = await startHubMimic({ 'test-org/tiny-bert': tiny });
});
afterAll(() => hub.close());

describe('InferenceEngine with the tiny-bert fixture', () => {
  it('inspect(shipped) lists files, dtypes, outputs and capabilities without a session', async () => {
    const info = await engine().e.inspect(shipped);
    expect(info.available).toBe(true);
    expect(info.variants.map((v) => v.dtype)).toEqual(['fp32', 'q8']);
    expect(info.outputs['onnx/model_quantized.onnx']).toEqual(['last_hidden_state', 'attentions.0', 'attentions.1']);
    expect(info.capabilities).toMatchObject({ featureExtraction: true, attentions: true, fillMask: false, tokenClassification: false, hiddenSize: 32, numLayers: 2, numHeads: 2 });
    expect(info.maxLength).toBe(128);
  });

  it('inspect counts the attention Softmaxes of the model graph: surgery-ready without attention outputs, none when attention is fused', async () => {
    const { e, store } = engine();
    expect((await e.inspect(shipped)).capabilities.attentionSoftmaxes).toBe(2);
    const noattn = { source: 'local', id: 'tiny-bert-noattn' } as const;
    await store.putModel(noattn, Object.entries(filesOf(join(FIXTURES, 'tiny-bert-noattn'))).map(([path, bytes]) => ({ path, bytes })));
    const plain = await e.inspect(noattn);
    expect(plain.outputs['onnx/model_quantized.onnx']).toEqual(['last_hidden_state']);
    expect([plain.capabilities.attentions, plain.capabilities.attentionSoftmaxes]).toEqual([false, 2]);
    expect(labsFor(plain.capabilities)).toEqual(['attention', 'vector-search']);
    const fused = { source: 'local', id: 'fused-bert' } as const;
    await store.putModel(fused, Object.entries(filesOf(join(FIXTURES, '../attention/fused-bert'))).map(([path, bytes]) => ({ path, bytes })));
    const kernel = await e.inspect(fused);
    expect([kernel.capabilities.attentions, kernel.capabilities.attentionSoftmaxes]).toEqual([false, 0]);
    expect(labsFor(kernel.capabilities)).toEqual(['vector-search']);
  });

  it('inspect remembers a model until its files change', async () => {
    const { e, store } = engine();
    const graphReads = () => fetched.filter((p) => p.endsWith('.onnx')).length;
    const before = graphReads();
    await e.inspect(shipped);
    await e.inspect(shipped);
    expect(graphReads() - before).toBe(1);
    const ref = { source: 'local', id: 'changing' } as const;
    const base = ['config.json', 'tokenizer.json', 'tokenizer_config.json'].map((p) => ({ path: p, bytes: tiny[p]! }));
    await store.putModel(ref, [...base, { path: 'onnx/model_quantized.onnx', bytes: tiny['onnx/model_quantized.onnx']! }]);
    expect((await e.inspect(ref)).variants.map((v) => v.dtype)).toEqual(['q8']);
    await store.putModel(ref, [{ path: 'onnx/model.onnx', bytes: tiny['onnx/model.onnx']! }]);
    expect((await e.inspect(ref)).variants.map((v) => v.dtype)).toEqual(['fp32', 'q8']);
  });

  it('load(auto) picks int8 on WebAssembly without WebGPU, explains why, and reuses the session', async () => {
    const { e } = engine();
    const stages: string[] = [];
    const info = await e.load(shipped, auto, hub.baseUrl, { progress: (p: Progress) => stages.push(p.stage ?? '') });
    expect([info.backend, info.dtype, info.file, info.threads]).toEqual(['wasm', 'q8', 'onnx/model_quantized.onnx', 1]);
    expect(info.reason).toContain('WebGPU is not available (navigator.gpu is missing)');
    expect(info.reasonText.zh).toContain('WebGPU 不可用');
    expect(info.inputNames).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(new Set(stages)).toEqual(new Set(['read', 'session', 'warmup']));
    expect((await e.load(shipped, auto, hub.baseUrl, {})).handle).toBe(info.handle);
    expect(e.loaded()).toHaveLength(1);
  });

  it('fp32 outputs through tokenizer → feeds → session match the factory reference within 1e-4', async () => {
    const { e } = engine();
    const info = await e.load(shipped, { ...auto, dtype: 'fp32' }, hub.baseUrl, {});
    const ref = JSON.parse(readFileSync(join(FIXTURES, 'tiny-bert/reference.json'), 'utf8')) as {
      cases: { text: string; text_pair: string | null; input_ids: number[]; expected: { fp32: Record<string, { dims: number[]; values: number[] }> } }[];
    };
    for (const c of ref.cases) {
      const model = e.model(info.handle);
      expect(model.tokenize(c.text, c.text_pair ?? undefined).inputIds).toEqual(c.input_ids);
      const out = await model.run({ text: c.text, ...(c.text_pair ? { textPair: c.text_pair } : {}) });
      for (const [name, exp] of Object.entries(c.expected.fp32)) {
        expect(out[name]!.dims).toEqual(exp.dims);
        const got = out[name]!.data as Float32Array;
        let worst = 0;
        exp.values.forEach((v, i) => (worst = Math.max(worst, Math.abs(got[i]! - v))));
        expect(worst, `${c.text} ${name}`).toBeLessThan(1e-4);
      }
    }
  });

  it('embed on the real encoder gives the same vectors batched and one by one', async () => {
    const { e } = engine();
    const info = await e.load(shipped, { ...auto, dtype: 'fp32' }, hub.baseUrl, {});
    const texts = ['short', 'a somewhat longer sentence about attention', '大模型通过自注意力机制理解上下文。', 'mid length text'];
    const batched = await e.model(info.handle).embed(texts, { batchSize: 4 });
    const single = await e.model(info.handle).embed(texts, { batchSize: 1 });
    expect(batched).toHaveLength(4 * 32);
    for (let i = 0; i < batched.length; i++) expect(batched[i]).toBeCloseTo(single[i]!, 5);
    for (let r = 0; r < 4; r++) expect(Math.hypot(...batched.subarray(r * 32, r * 32 + 32))).toBeCloseTo(1, 5);
  });

  it('load of a Hub model downloads it into the cache first, then loads offline', async () => {
    const { e, store } = engine();
    const ref = { source: 'hub', id: 'test-org/tiny-bert' } as const;
    const info = await e.load(ref, auto, hub.baseUrl, {});
    expect(info.dtype).toBe('q8');
    expect((await store.getModel(ref))!.files.map((f) => f.path)).toEqual(['config.json', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    const inspected = await e.inspect(ref);
    expect(inspected.available).toBe(true);
    expect((await e.inspect({ source: 'hub', id: 'test-org/other' })).available).toBe(false);
  });

  it('a local model runs from the store; a stored truncated graph is refused as corrupt', async () => {
    const { e, store } = engine();
    const ref = { source: 'local', id: 'my tiny bert' } as const;
    await store.putModel(ref, Object.entries(tiny).map(([path, bytes]) => ({ path, bytes })));
    const info = await e.load(ref, { ...auto, dtype: 'fp32' }, hub.baseUrl, {});
    expect(info.ref).toEqual(ref);
    const broken = { source: 'local', id: 'broken' } as const;
    const graph = tiny['onnx/model.onnx']!;
    await store.putModel(broken, [
      ...['config.json', 'tokenizer.json', 'tokenizer_config.json'].map((p) => ({ path: p, bytes: tiny[p]! })),
      { path: 'onnx/model.onnx', bytes: graph.subarray(0, graph.length >> 1) },
    ]);
    expect((await failure(e.load(broken, auto, hub.baseUrl, {}))).code).toBe('onnx-corrupt');
  });

  it('an operator the backend lacks is unsupported-op, naming it', async () => {
    const { e, store } = engine();
    const ref = { source: 'local', id: 'custom-op' } as const;
    const graph = writeOnnx({
      extraOpsets: [{ domain: 'com.example', version: 1 }],
      inputs: [{ name: 'input_ids', elemType: 7, shape: ['b', 's'] }],
      outputs: [{ name: 'last_hidden_state', elemType: 1, shape: ['b', 's', 4] }],
      nodes: [{ op: 'FancyAttention', domain: 'com.example', inputs: ['input_ids'], outputs: ['last_hidden_state'] }],
    });
    await store.putModel(ref, [
      ...['config.json', 'tokenizer.json', 'tokenizer_config.json'].map((p) => ({ path: p, bytes: tiny[p]! })),
      { path: 'onnx/model.onnx', bytes: graph },
    ]);
    const err = await failure(e.load(ref, auto, hub.baseUrl, {}));
    expect(err.code, err.message).toBe('unsupported-op');
    expect(err.userMessage.en).toContain('FancyAttention');
  });

  it('a graph the runtime cannot feed (a decoder with position_ids and a key/value cache) is listed as serving nothing and refused before any session', async () => {
    let sessions = 0;
    const counting: OrtApi = {
      Tensor: ort.Tensor as unknown as OrtApi['Tensor'],
      InferenceSession: { create: (model, options) => (sessions++, (ort as unknown as OrtApi).InferenceSession.create(model, options)) },
    };
    const { e, store } = engine(noGpu, counting);
    const ref = { source: 'local', id: 'a decoder' } as const;
    const ids = (name: string) => ({ name, elemType: 7, shape: ['b', 's'] });
    const graph = passThroughGraph([ids('input_ids'), ids('attention_mask'), ids('position_ids'), { name: 'past_key_values.0.key', elemType: 1, shape: ['b', 2, 'p', 4] }], ['logits']);
    await store.putModel(ref, [
      ...['config.json', 'tokenizer.json', 'tokenizer_config.json'].map((p) => ({ path: p, bytes: tiny[p]! })),
      { path: 'onnx/model.onnx', bytes: graph },
    ]);
    const inspection = await e.inspect(ref);
    expect(inspection.capabilities).toMatchObject({ featureExtraction: false, fillMask: false, tokenClassification: false, attentions: false });
    expect(inspection.capabilities.unsupportedInputs).toEqual(['input_ids', 'attention_mask', 'position_ids', 'past_key_values.0.key']);
    const err = await failure(e.load(ref, auto, hub.baseUrl, {}));
    expect(err.code).toBe('unsupported-inputs');
    expect(err.userMessage.en).toContain('onnx/model.onnx takes inputs this runtime cannot build (input_ids, attention_mask, position_ids, past_key_values.0.key)');
    expect(sessions).toBe(0);
    // the same engine still loads a model it can feed
    expect((await e.load(shipped, auto, hub.baseUrl, {})).capabilities.unsupportedInputs).toBeUndefined();
    expect(sessions).toBe(1);
  });

  it('forcing WebGPU where there is none, an unknown model, or a missing dtype fail clearly', async () => {
    const { e } = engine();
    expect((await failure(e.load(shipped, { ...auto, backend: 'webgpu' }, hub.baseUrl, {}))).code).toBe('webgpu-unavailable');
    expect((await failure(e.load({ source: 'shipped', id: 'no-such-model' }, auto, hub.baseUrl, {}))).code).toBe('model-not-found');
    expect((await failure(e.load(shipped, { ...auto, modelFile: 'model_mlm' }, hub.baseUrl, {}))).code).toBe('onnx-file-missing');
    expect((await failure(Promise.resolve().then(() => e.model('m99')))).code).toBe('unknown-handle');
  });

  it('unload ends one load’s use of a session: two loads that resolved to it need two unloads', async () => {
    const { e } = engine();
    const a = await e.load(shipped, auto, hub.baseUrl, {});
    const b = await e.load(shipped, { ...auto, backend: 'wasm', dtype: 'q8' }, hub.baseUrl, {});
    expect(b.handle).toBe(a.handle);
    await e.unload(a.handle);
    expect(e.loaded().map((i) => i.handle)).toEqual([a.handle]);
    await e.unload(b.handle);
    expect(e.loaded()).toEqual([]);
  });

  it('unload releases the session and forgets the handle', async () => {
    const { e } = engine();
    const info = await e.load(shipped, auto, hub.baseUrl, {});
    await e.unload(info.handle);
    expect(e.loaded()).toEqual([]);
    expect(() => e.model(info.handle)).toThrow(RuntimeError);
  });
});

/** The real onnxruntime-web, counting the sessions it creates and releases; `onCreate` runs while one is being created. */
function countingOrt(onCreate?: () => void) {
  const counts = { created: 0, released: 0 };
  const real = ort as unknown as OrtApi;
  const api: OrtApi = {
    Tensor: real.Tensor,
    InferenceSession: {
      create: async (model, options) => {
        onCreate?.();
        const session = await real.InferenceSession.create(model, options);
        counts.created++;
        return { inputNames: session.inputNames, outputNames: session.outputNames, run: (f, o) => session.run(f, o), release: () => (counts.released++, session.release()) };
      },
    },
  };
  return { api, counts };
}

describe('cancelling a load', () => {
  const stages = [
    { when: 'reading its files', stage: 'read', created: 0 },
    { when: 'about to create its session', stage: 'session', created: 0 },
    { when: 'warming up', stage: 'warmup', created: 1 },
  ];
  for (const { when, stage, created } of stages) {
    it(`cancelled while ${when}: rejects cancelled, no handle, every session made is released, and the next load works`, async () => {
      const { api, counts } = countingOrt();
      const { e } = engine(noGpu, api);
      const ac = new AbortController();
      const err = await failure(e.load(shipped, auto, hub.baseUrl, { signal: ac.signal, progress: (p) => p.stage === stage && ac.abort() }));
      expect(err.code).toBe('cancelled');
      expect(e.loaded()).toEqual([]);
      // the caller hears `cancelled` at once; a session already made is released when its warm-up run returns
      await vi.waitFor(() => expect(counts).toEqual({ created, released: created }));
      const info = await e.load(shipped, auto, hub.baseUrl, {});
      expect(e.loaded().map((i) => i.handle)).toEqual([info.handle]);
      expect(counts).toEqual({ created: created + 1, released: created });
    });
  }

  it('cancelled while ONNX Runtime is creating the session: the session is released as soon as it exists', async () => {
    const ac = new AbortController();
    const { api, counts } = countingOrt(() => ac.abort());
    const { e } = engine(noGpu, api);
    expect((await failure(e.load(shipped, auto, hub.baseUrl, { signal: ac.signal }))).code).toBe('cancelled');
    await vi.waitFor(() => expect(counts).toEqual({ created: 1, released: 1 }));
    expect(e.loaded()).toEqual([]);
  });

  it('two loads of one model share it: one cancelling leaves the other loading; both cancelling stops it', async () => {
    const { api, counts } = countingOrt();
    const { e } = engine(noGpu, api);
    const first = new AbortController();
    const kept = e.load(shipped, auto, hub.baseUrl, { signal: new AbortController().signal });
    const left = e.load(shipped, { ...auto, dtype: 'q8' }, hub.baseUrl, { signal: first.signal });
    first.abort();
    expect((await failure(left)).code).toBe('cancelled');
    const info = await kept;
    expect(e.loaded().map((i) => i.handle)).toEqual([info.handle]);
    await e.unload(info.handle);
    expect(e.loaded()).toEqual([]);
    const a = new AbortController();
    const b = new AbortController();
    const both = [
      e.load(shipped, { ...auto, dtype: 'fp32' }, hub.baseUrl, { signal: a.signal, progress: () => a.abort() }),
      e.load(shipped, { ...auto, dtype: 'fp32' }, hub.baseUrl, { signal: b.signal, progress: () => b.abort() }),
    ];
    expect((await Promise.all(both.map(failure))).map((x) => x.code)).toEqual(['cancelled', 'cancelled']);
    await vi.waitFor(() => expect(counts.released).toBe(counts.created));
    expect(e.loaded()).toEqual([]);
  });

  it('a Hub model cancelled mid-download stores nothing; loading it again downloads it whole', async () => {
    const { e, store } = engine();
    const ref = { source: 'hub', id: 'test-org/tiny-bert' } as const;
    const ac = new AbortController();
    const stop = (p: Progress) => p.stage === 'download' && p.file === 'onnx/model_quantized.onnx' && ac.abort();
    expect((await failure(e.load(ref, auto, hub.baseUrl, { signal: ac.signal, progress: stop }))).code).toBe('cancelled');
    expect(await store.getModel(ref)).toBeUndefined();
    expect((await e.inspect(ref)).available).toBe(false);
    expect((await e.load(ref, auto, hub.baseUrl, {})).dtype).toBe('q8');
    expect((await store.getModel(ref))!.files.map((f) => f.path)).toEqual(['config.json', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
  });
});
