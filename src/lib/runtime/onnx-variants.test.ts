import { describe, expect, it } from 'vitest';
import { loadableDtypes, onnxPath, onnxVariants } from './onnx-variants';

const paths = [
  'config.json',
  'onnx/model.onnx',
  'onnx/model_quantized.onnx',
  'onnx/model_mlm_quantized.onnx',
  'onnx/model_fp16.onnx',
  'onnx/nested/x.onnx',
];

describe('onnx variants', () => {
  it('onnxPath(stem, dtype) follows transformers.js naming', () => {
    expect(onnxPath('model', 'fp32')).toBe('onnx/model.onnx');
    expect(onnxPath('model_mlm', 'q8')).toBe('onnx/model_mlm_quantized.onnx');
  });

  it('onnxVariants reads stems and dtypes, ignoring other paths', () => {
    expect(onnxVariants(paths)).toEqual([
      { path: 'onnx/model.onnx', stem: 'model', dtype: 'fp32' },
      { path: 'onnx/model_fp16.onnx', stem: 'model', dtype: 'fp16' },
      { path: 'onnx/model_mlm_quantized.onnx', stem: 'model_mlm', dtype: 'q8' },
      { path: 'onnx/model_quantized.onnx', stem: 'model', dtype: 'q8' },
    ]);
  });

  it('loadableDtypes lists fp32/q8 per stem', () => {
    expect(loadableDtypes(paths, 'model')).toEqual(['fp32', 'q8']);
    expect(loadableDtypes(paths, 'model_mlm')).toEqual(['q8']);
    expect(loadableDtypes(paths, 'nope')).toEqual([]);
  });
});
