import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../../../vite/model-files';
import { backendSubject, dtypeFile, shippedDtypes, unshippedDtypes } from './shipped';

const manifest = (models: Record<string, string[]>): ModelManifest => ({
  models: Object.entries(models).map(([id, paths]) => ({ id, files: paths.map((path) => ({ path, size: 1 })), totalBytes: paths.length })),
});

const INT8_ONLY = manifest({
  'mini-bert-zh-en': ['config.json', 'onnx/model_quantized.onnx', 'onnx/model_mlm_quantized.onnx'],
  'mini-bert-med-ner': ['config.json', 'onnx/model_quantized.onnx'],
  'mini-embed-zh-en': ['config.json', 'onnx/model_quantized.onnx'],
});

describe('dtypeFile', () => {
  it("dtypeFile(dtype) names the runtime's ONNX file", () => {
    expect(dtypeFile('fp32')).toBe('onnx/model.onnx');
    expect(dtypeFile('q8')).toBe('onnx/model_quantized.onnx');
  });
});

describe('shippedDtypes', () => {
  it('shippedDtypes(manifest, id) lists fp32 then int8, only for files that exist', () => {
    expect(shippedDtypes(INT8_ONLY, 'mini-embed-zh-en')).toEqual(['q8']);
    expect(shippedDtypes(manifest({ m: ['onnx/model_quantized.onnx', 'onnx/model.onnx'] }), 'm')).toEqual(['fp32', 'q8']);
  });

  it('shippedDtypes ignores other graphs (the MLM head) and missing models or manifests', () => {
    expect(shippedDtypes(manifest({ m: ['onnx/model_mlm_quantized.onnx', 'onnx/model_mlm.onnx'] }), 'm')).toEqual([]);
    expect(shippedDtypes(INT8_ONLY, 'absent')).toEqual([]);
    expect(shippedDtypes(null, 'mini-embed-zh-en')).toEqual([]);
  });
});

describe('unshippedDtypes', () => {
  it('unshippedDtypes(shipped) is what the benchmarks cannot load', () => {
    expect(unshippedDtypes(['q8'])).toEqual(['fp32']);
    expect(unshippedDtypes(['fp32', 'q8'])).toEqual([]);
    expect(unshippedDtypes([])).toEqual(['fp32', 'q8']);
  });
});

describe('backendSubject', () => {
  it('backendSubject(manifest, preferred) takes int8 of the preferred model when nothing ships fp32', () => {
    expect(backendSubject(INT8_ONLY, 'mini-embed-zh-en')).toEqual({ model: 'mini-embed-zh-en', dtype: 'q8' });
  });

  it('backendSubject prefers fp32, of another shipped model when the preferred one has none', () => {
    const oneFp32 = manifest({ ...Object.fromEntries(INT8_ONLY.models.map((m) => [m.id, m.files.map((f) => f.path)])), 'mini-bert-zh-en': ['onnx/model.onnx', 'onnx/model_quantized.onnx'] });
    expect(backendSubject(oneFp32, 'mini-embed-zh-en')).toEqual({ model: 'mini-bert-zh-en', dtype: 'fp32' });
    const preferredFp32 = manifest({ 'mini-bert-zh-en': ['onnx/model.onnx'], 'mini-embed-zh-en': ['onnx/model.onnx'] });
    expect(backendSubject(preferredFp32, 'mini-embed-zh-en')).toEqual({ model: 'mini-embed-zh-en', dtype: 'fp32' });
  });

  it('backendSubject is null when the preferred model has no file and nothing ships fp32', () => {
    expect(backendSubject(manifest({ 'mini-bert-zh-en': ['onnx/model_quantized.onnx'] }), 'mini-embed-zh-en')).toBeNull();
    expect(backendSubject(null, 'mini-embed-zh-en')).toBeNull();
  });
});
