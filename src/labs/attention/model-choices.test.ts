import { describe, expect, it } from 'vitest';
import { shippedModelRefs } from './model-choices';

describe('shippedModelRefs(manifest)', () => {
  it('lists models with a feature graph, skipping MLM-only folders and junk', () => {
    const manifest = {
      models: [
        { id: 'mini-bert-zh-en', files: [{ path: 'config.json', size: 1 }, { path: 'onnx/model_quantized.onnx', size: 9 }] },
        { id: 'mlm-only', files: [{ path: 'onnx/model_mlm_quantized.onnx', size: 9 }] },
        { id: 7, files: [] },
        null,
      ],
    };
    expect(shippedModelRefs(manifest)).toEqual(['shipped:mini-bert-zh-en']);
  });
  it('is empty for anything that is not a manifest', () => {
    expect(shippedModelRefs(null)).toEqual([]);
    expect(shippedModelRefs({ models: 'x' })).toEqual([]);
  });
});
