import { describe, expect, it } from 'vitest';
import { PRESETS, blockParams, modelParams } from './transformer-params';

describe('blockParams', () => {
  it('blockParams(768, 3072) splits one BERT-base / GPT-2 block into its parts', () => {
    expect(blockParams(768, 3072)).toEqual({
      attention: 2_362_368, // 4 · (768² + 768)
      feedForward: 4_722_432, // 768·3072 + 3072 + 3072·768 + 768
      norms: 3_072, // 2 LayerNorms · (scale + shift) · 768
      total: 7_087_872,
    });
  });

  it('the feed-forward network holds about two-thirds of a block when d_ff = 4d', () => {
    const b = blockParams(768, 3072);
    expect(b.feedForward / b.total).toBeCloseTo(0.666, 2);
  });

  it('blockParams rejects negative and fractional sizes', () => {
    expect(() => blockParams(-1, 4)).toThrow('invalid dModel');
    expect(() => blockParams(8, 2.5)).toThrow('invalid dFF');
  });
});

describe('modelParams', () => {
  it('modelParams(BERT-base) is 109,482,240, the count Hugging Face reports for bert-base-uncased', () => {
    expect(modelParams(PRESETS.bertBase)).toEqual({
      embeddings: 23_837_184, // (30522 + 512 + 2) · 768 + 2 · 768
      block: blockParams(768, 3072),
      blocks: 85_054_464, // 12 · 7,087,872
      head: 590_592, // pooler 768² + 768
      total: 109_482_240,
    });
  });

  it('modelParams(GPT-2 small) is 124,439,808, the count of the released gpt2 checkpoint', () => {
    const p = modelParams(PRESETS.gpt2Small);
    expect(p.embeddings).toBe(39_383_808); // (50257 + 1024) · 768
    expect(p.head).toBe(1_536); // final LayerNorm; the output layer is tied to the token embeddings
    expect(p.total).toBe(124_439_808);
  });

  it('rejects a head count that does not divide the model width', () => {
    expect(() => modelParams({ ...PRESETS.bertBase, heads: 5 })).toThrow('invalid heads');
  });
});
