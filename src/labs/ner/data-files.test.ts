import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadEvalSet, loadGazetteer } from './data-files';
import { NerError } from './ner-error';

describe('loadEvalSet(id) / loadGazetteer()', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetch the shipped files once and parse them', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(readFileSync(`public/data/ner/${url.split('/').pop()}`, 'utf8'));
    });
    const ncbi = await loadEvalSet('ncbi-disease');
    expect(ncbi).toHaveLength(940);
    expect(ncbi.flatMap((s) => s.tags).filter((t) => t === 'B-Disease')).toHaveLength(960);
    expect(await loadEvalSet('ncbi-disease')).toBe(ncbi);
    expect((await loadGazetteer()).size).toBeGreaterThan(3000);
    expect(fetched).toEqual(['/data/ner/ncbi-disease-test.iob.txt', '/data/ner/gazetteer.json']);
  });
  it('report a failed download and try again next time', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 503 }));
    await expect(loadEvalSet('bc5cdr')).rejects.toSatisfy((e) => e instanceof NerError && e.code === 'data-failed');
    vi.stubGlobal('fetch', async (url: string) => new Response(readFileSync(`public/data/ner/${url.split('/').pop()}`, 'utf8')));
    expect(await loadEvalSet('bc5cdr')).toHaveLength(4797);
  });
});
