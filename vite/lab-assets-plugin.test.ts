import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assetsMiddleware, ORT_FILES } from './lab-assets-plugin';

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  next: boolean;
}

function request(mw: ReturnType<typeof assetsMiddleware>, url: string): Promise<Reply> {
  return new Promise((resolve) => {
    const reply: Reply = { status: 200, headers: {}, body: '', next: false };
    const res = new PassThrough() as unknown as ServerResponse & PassThrough;
    Object.defineProperty(res, 'statusCode', { set: (v: number) => (reply.status = v), get: () => reply.status });
    res.setHeader = ((k: string, v: string) => ((reply.headers[k.toLowerCase()] = String(v)), res)) as never;
    res.on('data', (d: Buffer) => (reply.body += d.toString()));
    res.on('finish', () => resolve(reply));
    const end = res.end.bind(res);
    res.end = ((chunk?: string) => (chunk !== undefined ? end(chunk) : end())) as never;
    mw({ url } as IncomingMessage, res, () => {
      reply.next = true;
      resolve(reply);
    });
  });
}

describe('assetsMiddleware (dev server)', () => {
  let dir = '';
  let mw: ReturnType<typeof assetsMiddleware>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'assets-'));
    mkdirSync(join(dir, 'ort'));
    for (const f of ORT_FILES) writeFileSync(join(dir, 'ort', f), `ort:${f}`);
    mkdirSync(join(dir, 'models/tiny/onnx'), { recursive: true });
    writeFileSync(join(dir, 'models/tiny/config.json'), '{"model_type":"bert"}');
    writeFileSync(join(dir, 'models/tiny/onnx/model.onnx'), 'ONNX');
    writeFileSync(join(dir, 'models/tiny/weights.pt'), 'PT');
    mkdirSync(join(dir, 'models/factory'));
    writeFileSync(join(dir, 'models/factory/config.json'), '{}');
    mw = assetsMiddleware('/', { ortDist: join(dir, 'ort'), modelsDir: join(dir, 'models') });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the ORT wasm files with their content types, and nothing else under /ort/', async () => {
    const wasm = await request(mw, '/ort/ort-wasm-simd-threaded.asyncify.wasm');
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.body).toBe('ort:ort-wasm-simd-threaded.asyncify.wasm');
    expect((await request(mw, '/ort/ort-wasm-simd-threaded.mjs?import')).headers['content-type']).toBe('text/javascript');
    expect((await request(mw, '/ort/other.wasm')).next).toBe(true);
  });

  it('serves shipped model files and the manifest; refuses factory, training files and traversal', async () => {
    expect((await request(mw, '/models/tiny/config.json')).body).toBe('{"model_type":"bert"}');
    expect(JSON.parse((await request(mw, '/models/manifest.json')).body)).toEqual({
      models: [{ id: 'tiny', files: [{ path: 'config.json', size: 21 }, { path: 'onnx/model.onnx', size: 4 }], totalBytes: 25 }],
    });
    for (const url of ['/models/tiny/weights.pt', '/models/factory/config.json', '/models/tiny/../../ort/x', '/models/tiny/%2e%2e/%2e%2e/etc']) {
      expect((await request(mw, url)).status, url).toBe(404);
    }
  });

  it('leaves every other path to the next middleware', async () => {
    expect((await request(mw, '/src/main.ts')).next).toBe(true);
  });
});
