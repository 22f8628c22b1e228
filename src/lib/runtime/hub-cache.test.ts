// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubMimic, type HubMimic } from '../../../tests/fixtures/hub/hub-mimic';
import { RuntimeError } from './errors';
import { ensureHubModel } from './hub-cache';
import { ModelStore, openModelsDB } from './model-store';
import { toyEncoder } from './test-support/onnx-writer';
import { toyTokenizerConfig, toyTokenizerJson } from './test-support/toy-tokenizer';

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const graph = toyEncoder();
let hub: HubMimic;
let n = 0;

beforeAll(async () => {
  hub = await startHubMimic({
    'org/good': {
      'config.json': json({ architectures: ['BertModel'], hidden_size: 4 }),
      'tokenizer.json': json(toyTokenizerJson()),
      'tokenizer_config.json': json(toyTokenizerConfig()),
      'onnx/model_quantized.onnx': graph,
      'onnx/model.onnx': graph,
    },
    'org/fp32-only': { 'config.json': json({}), 'tokenizer.json': json(toyTokenizerJson()), 'onnx/model.onnx': graph },
    'org/bad-tokenizer': { 'config.json': json({}), 'tokenizer.json': new TextEncoder().encode('<!doctype html>'), 'onnx/model_quantized.onnx': graph },
    'org/truncated': { 'config.json': json({}), 'tokenizer.json': json(toyTokenizerJson()), 'onnx/model_quantized.onnx': graph.subarray(0, graph.length - 50) },
  });
});
afterAll(() => hub.close());

const store = () => new ModelStore(openModelsDB(`hub-cache-${++n}`));
const opts = (s: ModelStore, id: string) => ({ ref: { source: 'hub', id } as const, stem: 'model', dtypes: ['q8', 'fp32'] as const, store: s, baseUrl: hub.baseUrl, online: true });

async function failure(p: Promise<unknown>): Promise<RuntimeError> {
  const e = await p.then(() => null, (err) => err);
  expect(e).toBeInstanceOf(RuntimeError);
  return e as RuntimeError;
}

describe('ensureHubModel', () => {
  it('downloads config, tokenizer files and the preferred graph once, then serves from the cache offline', async () => {
    const s = store();
    const before = hub.requests.length;
    const rec = await ensureHubModel(opts(s, 'org/good'));
    expect(rec.files.map((f) => f.path)).toEqual(['config.json', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    expect(hub.requests.length - before).toBe(4);
    const again = await ensureHubModel({ ...opts(s, 'org/good'), online: false });
    expect(again.files).toEqual(rec.files);
    expect(hub.requests.length - before).toBe(4);
  });

  it('adds a second dtype to a cached model by downloading only its graph', async () => {
    const s = store();
    await ensureHubModel(opts(s, 'org/good'));
    const before = hub.requests.length;
    const rec = await ensureHubModel({ ...opts(s, 'org/good'), dtypes: ['fp32'] });
    expect(hub.requests.slice(before)).toEqual(['/org/good/resolve/main/onnx/model.onnx']);
    expect(rec.files.map((f) => f.path)).toContain('onnx/model.onnx');
  });

  it('falls back to the next dtype when the Hub lacks the first', async () => {
    const rec = await ensureHubModel(opts(store(), 'org/fp32-only'));
    expect(rec.files.map((f) => f.path)).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer.json']);
  });

  it('offline with nothing cached is `offline`; a broken file stores nothing', async () => {
    const s = store();
    expect((await failure(ensureHubModel({ ...opts(s, 'org/good'), online: false }))).code).toBe('offline');
    expect((await failure(ensureHubModel(opts(s, 'org/bad-tokenizer')))).code).toBe('tokenizer-not-json');
    expect((await failure(ensureHubModel(opts(s, 'org/truncated')))).code).toBe('onnx-corrupt');
    expect(await s.listModels()).toEqual([]);
  });

  it('a connection dropped mid-graph stores nothing, and a retry succeeds', async () => {
    const s = store();
    hub.faults.set('org/good/onnx/model_quantized.onnx', { kind: 'drop' });
    expect((await failure(ensureHubModel(opts(s, 'org/good')))).code).toBe('download-dropped');
    expect(await s.listModels()).toEqual([]);
    expect((await ensureHubModel(opts(s, 'org/good'))).files).toHaveLength(4);
  });

  it('an unknown model id is model-not-found', async () => {
    expect((await failure(ensureHubModel(opts(store(), 'org/nope')))).code).toBe('model-not-found');
  });
});
