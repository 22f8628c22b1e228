import { describe, expect, it } from 'vitest';
import { encoderFlops, encoderFlopsPerToken, encoderShape, matmulFlops, nonEmbeddingWeights } from './flops';

const mini = { hidden: 256, layers: 4, intermediate: 1024 };

describe('encoderShape', () => {
  it('encoderShape reads hidden_size, num_hidden_layers and intermediate_size', () => {
    expect(encoderShape({ hidden_size: 256, num_hidden_layers: 4, intermediate_size: 1024, vocab_size: 16000 })).toEqual(mini);
  });
  it('encoderShape defaults the feed-forward size to 4 × hidden', () => {
    expect(encoderShape({ hidden_size: 64, num_hidden_layers: 2 }).intermediate).toBe(256);
  });
  it('encoderShape refuses a config without sizes', () => {
    expect(() => encoderShape({ num_hidden_layers: 2 })).toThrow(/hidden_size/);
    expect(() => encoderShape({ hidden_size: 64, num_hidden_layers: 0 })).toThrow(/num_hidden_layers/);
  });
});

describe('FLOP counts', () => {
  it('nonEmbeddingWeights of a 4-layer, 256-wide encoder is 4 × (4·256² + 2·256·1024)', () => {
    expect(nonEmbeddingWeights(mini)).toBe(4 * (262_144 + 524_288));
  });
  it('encoderFlopsPerToken adds 4 · seq · hidden per layer to twice the weights', () => {
    // 2 × 3,145,728 + 4 layers × 4 × 100 × 256
    expect(encoderFlopsPerToken(mini, 100)).toBe(6_291_456 + 409_600);
  });
  it('encoderFlops sums over texts of different lengths', () => {
    expect(encoderFlops(mini, [100, 1])).toBe(100 * 6_701_056 + 1 * (6_291_456 + 4 * 4 * 256));
  });
  it('matmulFlops(1024, 1024, 1024) is 2 · 1024³', () => {
    expect(matmulFlops(1024, 1024, 1024)).toBe(2_147_483_648);
  });
  it('encoderFlopsPerToken refuses an empty sequence', () => {
    expect(() => encoderFlopsPerToken(mini, 0)).toThrow(RangeError);
  });
});
