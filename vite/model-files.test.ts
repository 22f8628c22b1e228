import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModelManifest, isShippableModelPath } from './model-files.ts';

describe('isShippableModelPath', () => {
  it('accepts model files and the manifest', () => {
    expect(isShippableModelPath('tiny-gpt/config.json')).toBe(true);
    expect(isShippableModelPath('tiny-gpt/onnx/model_quantized.onnx')).toBe(true);
    expect(isShippableModelPath('manifest.json')).toBe(true);
  });
  it('rejects the factory, checkpoints, work folders, weights in training formats and traversal', () => {
    expect(isShippableModelPath('factory/train.py')).toBe(false);
    expect(isShippableModelPath('tiny-gpt/checkpoints/step1.json')).toBe(false);
    expect(isShippableModelPath('tiny-gpt/work/x.onnx')).toBe(false);
    expect(isShippableModelPath('tiny-gpt/weights.pt')).toBe(false);
    expect(isShippableModelPath('tiny-gpt/../../etc/passwd')).toBe(false);
    expect(isShippableModelPath('tiny-gpt/.secret')).toBe(false);
    expect(isShippableModelPath('README.md')).toBe(false);
  });
});

describe('buildModelManifest(dir)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'models-'));
    const put = (rel: string, bytes: number) => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), Buffer.alloc(bytes));
    };
    put('b-model/config.json', 10);
    put('b-model/onnx/model.onnx', 100);
    put('b-model/checkpoints/last.onnx', 5);
    put('b-model/weights.pt', 7);
    put('a-model/config.json', 3);
    put('a-model/tokenizer.json', 4);
    put('no-config/tokenizer.json', 4);
    put('factory/config.json', 1);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists only folders with a config.json, sorted, with shippable files and sizes', () => {
    expect(buildModelManifest(dir)).toEqual({
      models: [
        { id: 'a-model', files: [{ path: 'config.json', size: 3 }, { path: 'tokenizer.json', size: 4 }], totalBytes: 7 },
        { id: 'b-model', files: [{ path: 'config.json', size: 10 }, { path: 'onnx/model.onnx', size: 100 }], totalBytes: 110 },
      ],
    });
  });

  it('returns no models when the folder does not exist', () => {
    expect(buildModelManifest(join(dir, 'missing'))).toEqual({ models: [] });
  });
});
