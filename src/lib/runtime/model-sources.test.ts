// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RuntimeError } from './errors';
import { ShippedCatalog, storedFiles } from './model-sources';
import { ModelStore, openModelsDB } from './model-store';
import type { Progress } from './types';

function catalog() {
  const urls: string[] = [];
  const files: Record<string, string> = { '/models/mini-bert-zh-en/config.json': '{"a":1}', '/models/mini-bert-zh-en/onnx/model_quantized.onnx': 'graph' };
  const doFetch: typeof fetch = async (input) => {
    const url = new URL(String(input));
    urls.push(url.pathname);
    if (url.pathname === '/models/manifest.json') {
      return Response.json({ models: [{ id: 'mini-bert-zh-en', files: [{ path: 'config.json', size: 7 }], totalBytes: 7 }] });
    }
    const body = files[decodeURIComponent(url.pathname)];
    return body === undefined ? new Response('nope', { status: 404 }) : new Response(body, { headers: { 'content-length': String(body.length) } });
  };
  return { cat: new ShippedCatalog('http://app.test/models/', doFetch), urls };
}

describe('ShippedCatalog', () => {
  it('lists a shipped model from the manifest (fetched once) and null for an unknown id', async () => {
    const { cat, urls } = catalog();
    expect(await cat.files('mini-bert-zh-en').list()).toEqual([{ path: 'config.json', size: 7 }]);
    expect(await cat.files('other').list()).toBeNull();
    expect(urls.filter((u) => u === '/models/manifest.json')).toHaveLength(1);
  });

  it('reads /models/<id>/<path> with byte progress; a missing file is null', async () => {
    const { cat } = catalog();
    const seen: Progress[] = [];
    const bytes = await cat.files('mini-bert-zh-en').read('onnx/model_quantized.onnx', (p) => seen.push(p));
    expect(new TextDecoder().decode(bytes!)).toBe('graph');
    expect(seen.at(-1)).toMatchObject({ stage: 'read', file: 'onnx/model_quantized.onnx', done: 5, total: 5 });
    expect(await cat.files('mini-bert-zh-en').read('tokenizer.json')).toBeNull();
  });

  it('an unreadable manifest is an internal error, retried on the next call', async () => {
    let calls = 0;
    const cat = new ShippedCatalog('http://app.test/models/', async () => (++calls === 1 ? new Response('', { status: 500 }) : Response.json({ models: [] })));
    await expect(cat.manifest()).rejects.toBeInstanceOf(RuntimeError);
    expect(await cat.manifest()).toEqual({ models: [] });
  });
});

describe('storedFiles', () => {
  it('reads a model kept in the models database', async () => {
    const store = new ModelStore(openModelsDB('model-sources-1'));
    const ref = { source: 'local', id: 'm' } as const;
    expect(await storedFiles(ref, store).list()).toBeNull();
    await store.putModel(ref, [{ path: 'config.json', bytes: new Uint8Array([123, 125]) }]);
    const files = storedFiles(ref, store);
    expect(await files.list()).toEqual([{ path: 'config.json', size: 2 }]);
    const seen: Progress[] = [];
    expect(Array.from((await files.read('config.json', (p) => seen.push(p)))!)).toEqual([123, 125]);
    expect(seen).toEqual([{ stage: 'read', file: 'config.json', done: 2, total: 2, bytes: 2 }]);
    expect(await files.read('tokenizer.json')).toBeNull();
  });
});
