// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubMimic, type HubMimic } from '../../../tests/fixtures/hub/hub-mimic';
import { RuntimeError } from './errors';
import { downloadHubFiles, hubFileUrl } from './hub-download';
import type { Progress } from './types';

const big = new Uint8Array(300_000).map((_, i) => i % 251);
const config = new TextEncoder().encode('{"model_type":"bert"}');
let hub: HubMimic;

beforeAll(async () => {
  hub = await startHubMimic({ 'test-org/tiny': { 'config.json': config, 'onnx/model_quantized.onnx': big } });
});
afterAll(() => hub.close());

async function failure(p: Promise<unknown>): Promise<RuntimeError> {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(RuntimeError);
  return e as RuntimeError;
}

describe('hubFileUrl', () => {
  it('hubFileUrl builds /<id>/resolve/main/<file>, escaping each segment', () => {
    expect(hubFileUrl('https://huggingface.co/', 'Xenova/bert-base-NER', 'onnx/model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/bert-base-NER/resolve/main/onnx/model_quantized.onnx',
    );
    expect(hubFileUrl('http://x', 'a/b', 'we ird#.json')).toBe('http://x/a/b/resolve/main/we%20ird%23.json');
  });
});

describe('downloadHubFiles against a local Hub mimic', () => {
  it('downloads every file with per-file byte progress, skipping a missing optional file', async () => {
    const seen: Progress[] = [];
    const files = await downloadHubFiles({
      baseUrl: hub.baseUrl,
      id: 'test-org/tiny',
      files: [
        { path: 'config.json', required: true },
        { path: 'tokenizer_config.json', required: false },
        { path: 'onnx/model_quantized.onnx', required: true },
      ],
      onProgress: (p) => seen.push(p),
    });
    expect(files.map((f) => f.path)).toEqual(['config.json', 'onnx/model_quantized.onnx']);
    expect(Buffer.compare(files[1]!.bytes, big)).toBe(0);
    const last = seen.filter((p) => p.file === 'onnx/model_quantized.onnx').at(-1)!;
    expect(last).toMatchObject({ stage: 'download', done: big.byteLength, total: big.byteLength, bytes: big.byteLength });
    expect(hub.requests).toContain('/test-org/tiny/resolve/main/tokenizer_config.json');
  });

  it('a connection dropped mid-file is download-dropped, naming the file and the bytes received', async () => {
    hub.faults.set('test-org/tiny/onnx/model_quantized.onnx', { kind: 'drop' });
    const err = await failure(
      downloadHubFiles({ baseUrl: hub.baseUrl, id: 'test-org/tiny', files: [{ path: 'onnx/model_quantized.onnx', required: true }] }),
    );
    expect(err.code).toBe('download-dropped');
    expect(err.kind).toBe('network');
    expect(err.userMessage.en).toContain('onnx/model_quantized.onnx');
    expect(err.userMessage.en).toContain('of 300 KB');
  });

  it('a missing required file is model-not-found; a server error is http-status', async () => {
    expect((await failure(downloadHubFiles({ baseUrl: hub.baseUrl, id: 'test-org/tiny', files: [{ path: 'tokenizer.json', required: true }] }))).code).toBe(
      'model-not-found',
    );
    hub.faults.set('test-org/tiny/config.json', { kind: 'status', status: 503 });
    const err = await failure(downloadHubFiles({ baseUrl: hub.baseUrl, id: 'test-org/tiny', files: [{ path: 'config.json', required: true }] }));
    expect(err.code).toBe('http-status');
    expect(err.userMessage.en).toContain('503');
  });

  it('an unreachable host is network; an aborted signal is cancelled', async () => {
    const unreachable = await failure(downloadHubFiles({ baseUrl: 'http://127.0.0.1:9', id: 'a/b', files: [{ path: 'config.json', required: true }] }));
    expect(unreachable.code).toBe('network');
    const ac = new AbortController();
    ac.abort();
    const err = await failure(downloadHubFiles({ baseUrl: hub.baseUrl, id: 'test-org/tiny', files: [{ path: 'config.json', required: true }], signal: ac.signal }));
    expect(err.kind).toBe('cancelled');
  });
});
