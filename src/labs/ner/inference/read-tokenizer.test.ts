import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelStore } from '../../../lib/runtime/model-store';
import { NerError } from '../ner-error';
import { readTokenizerJson } from './read-tokenizer';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('readTokenizerJson(ref)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches a shipped model\'s tokenizer.json from /models/, null when it has none', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return url.includes('absent') ? new Response('Not found', { status: 404 }) : new Response('{"model":{"type":"WordPiece"}}');
    });
    expect(await readTokenizerJson({ source: 'shipped', id: 'mini-bert-med-ner' })).toEqual({ model: { type: 'WordPiece' } });
    expect(urls).toEqual(['/models/mini-bert-med-ner/tokenizer.json']);
    expect(await readTokenizerJson({ source: 'shipped', id: 'absent' })).toBeNull();
  });
  it('reads a Hub or local model\'s tokenizer.json from the models database', async () => {
    const ref = { source: 'hub' as const, id: 'Xenova/bert-base-NER' };
    await new ModelStore().putModel(ref, [{ path: 'tokenizer.json', bytes: bytes('{"x":1}') }]);
    expect(await readTokenizerJson(ref)).toEqual({ x: 1 });
    expect(await readTokenizerJson({ source: 'local', id: 'nothing here' })).toBeNull();
  });
  it('reports a tokenizer.json that is not JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<!doctype html>'));
    await expect(readTokenizerJson({ source: 'shipped', id: 'broken' })).rejects.toBeInstanceOf(NerError);
  });
});
