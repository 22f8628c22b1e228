import { describe, expect, it } from 'vitest';
import {
  GPUS,
  TRAINED_MODELS,
  chinchillaTokens,
  formatBytes,
  formatCount,
  formatScientific,
  trainingFlops,
  trainingSeconds,
  trainingStateBytes,
} from './training-budget';

const DAY = 86_400;

describe('trainingFlops', () => {
  it('trainingFlops(175e9, 300e9) is GPT-3\'s 3.15e23 (the paper reports 3.14e23)', () => {
    expect(trainingFlops(175e9, 300e9)).toBeCloseTo(3.15e23, -20);
  });
  it('trainingFlops(70e9, 1.4e12) is Chinchilla\'s 5.88e23', () => {
    expect(trainingFlops(70e9, 1.4e12)).toBeCloseTo(5.88e23, -20);
  });
  it('trainingFlops rejects zero, negative and non-finite inputs', () => {
    expect(() => trainingFlops(0, 1)).toThrow('invalid params');
    expect(() => trainingFlops(1, -1)).toThrow('invalid tokens');
    expect(() => trainingFlops(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('trainingSeconds', () => {
  it('GPT-3 on 1,024 A100s at 40% utilisation takes about 28.5 days', () => {
    const s = trainingSeconds(3.15e23, { gpus: 1024, peakFlops: 312e12, utilisation: 0.4 });
    // 3.15e23 / (1024 · 312e12 · 0.4) = 3.15e23 / 1.277952e17 = 2,464,881.3 s
    expect(s).toBeCloseTo(2_464_881.3, 1);
    expect(s / DAY).toBeCloseTo(28.53, 2);
  });
  it('is inversely proportional to the number of GPUs', () => {
    const one = trainingSeconds(1e20, { gpus: 1, peakFlops: 1e14, utilisation: 0.5 });
    expect(one).toBe(2e6);
    expect(trainingSeconds(1e20, { gpus: 8, peakFlops: 1e14, utilisation: 0.5 })).toBe(one / 8);
  });
  it('rejects a fractional GPU count and a utilisation outside (0, 1]', () => {
    expect(() => trainingSeconds(1, { gpus: 1.5, peakFlops: 1, utilisation: 0.5 })).toThrow('invalid gpus');
    expect(() => trainingSeconds(1, { gpus: 1, peakFlops: 1, utilisation: 0 })).toThrow('invalid utilisation');
    expect(() => trainingSeconds(1, { gpus: 1, peakFlops: 1, utilisation: 1.2 })).toThrow('invalid utilisation');
  });
});

describe('memory and data rules of thumb', () => {
  it('trainingStateBytes(7e9) is 112 GB: more than one 80 GB GPU holds', () => {
    expect(trainingStateBytes(7e9)).toBe(112e9);
    expect(trainingStateBytes(7e9)).toBeGreaterThan(GPUS.find((g) => g.id === 'a100')!.memoryBytes);
  });
  it('chinchillaTokens(70e9) is Chinchilla\'s own 1.4 trillion tokens', () => {
    expect(chinchillaTokens(70e9)).toBe(1.4e12);
  });
});

describe('reference data', () => {
  it('TRAINED_MODELS: GPT-3 is under-trained and Llama 3 8B over-trained by the Chinchilla rule', () => {
    const ratio = (name: string) => {
      const m = TRAINED_MODELS.find((x) => x.name === name)!;
      return m.tokens / m.params;
    };
    expect(ratio('GPT-3')).toBeCloseTo(1.71, 2);
    expect(ratio('Chinchilla')).toBe(20);
    expect(ratio('Llama 3 8B')).toBe(1875);
  });
  it('GPUS are listed oldest to newest with rising peak throughput', () => {
    const peaks = GPUS.map((g) => g.peakFlops);
    expect(peaks).toEqual([...peaks].sort((a, b) => a - b));
  });
});

describe('formatScientific', () => {
  it('formatScientific(3.15e23) is "3.15 × 10²³"', () => {
    expect(formatScientific(3.15e23)).toBe('3.15 × 10²³');
  });
  it('carries a mantissa that rounds up to 10 into the exponent', () => {
    expect(formatScientific(9.9996e20)).toBe('1 × 10²¹');
  });
  it('writes negative exponents and respects the digit count', () => {
    expect(formatScientific(0.00123, 2)).toBe('1.2 × 10⁻³');
  });
});

describe('formatCount', () => {
  it('formatCount(n, "en") uses K/M/B/T', () => {
    expect(formatCount(175e9, 'en')).toBe('175B');
    expect(formatCount(1.4e12, 'en')).toBe('1.4T');
    expect(formatCount(117e6, 'en')).toBe('117M');
    expect(formatCount(512, 'en')).toBe('512');
  });
  it('formatCount(n, "zh") uses 万/亿/万亿', () => {
    expect(formatCount(175e9, 'zh')).toBe('1750 亿');
    expect(formatCount(1.4e12, 'zh')).toBe('1.4 万亿');
    expect(formatCount(117e6, 'zh')).toBe('1.17 亿');
    expect(formatCount(7e6, 'zh')).toBe('700 万');
  });
});

describe('formatBytes', () => {
  it('formatBytes uses decimal units with three significant digits', () => {
    expect(formatBytes(112e9)).toBe('112 GB');
    expect(formatBytes(16 * 175e9)).toBe('2.8 TB');
    expect(formatBytes(14e6)).toBe('14 MB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
