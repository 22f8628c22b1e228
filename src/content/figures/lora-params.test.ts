import { describe, expect, it } from 'vitest';
import { loraParamCount, weightBytes } from './lora-params';

describe('loraParamCount', () => {
  it('loraParamCount(256, 256, 8) trains 4,096 of 65,536 numbers (6.25 %)', () => {
    expect(loraParamCount(256, 256, 8)).toEqual({ full: 65536, lora: 4096, fraction: 0.0625 });
  });

  it('loraParamCount(4096, 4096, 8) trains 65,536 of 16,777,216 numbers (about 0.39 %)', () => {
    expect(loraParamCount(4096, 4096, 8)).toEqual({
      full: 16777216,
      lora: 65536,
      fraction: 0.00390625,
    });
  });

  it('loraParamCount(3072, 768, 4) counts B (3072×4) and A (4×768) for a non-square matrix', () => {
    const c = loraParamCount(3072, 768, 4);
    expect(c.full).toBe(2359296);
    expect(c.lora).toBe(3072 * 4 + 4 * 768);
    expect(c.lora).toBe(15360);
  });

  it('loraParamCount at full rank trains more numbers than W itself', () => {
    expect(loraParamCount(4, 4, 4)).toEqual({ full: 16, lora: 32, fraction: 2 });
  });

  it('loraParamCount rejects non-positive, fractional and too-large ranks', () => {
    expect(() => loraParamCount(256, 256, 0)).toThrow(RangeError);
    expect(() => loraParamCount(256, 256, 1.5)).toThrow('invalid rank');
    expect(() => loraParamCount(256, 256, 257)).toThrow('at most min(dOut, dIn) = 256');
    expect(() => loraParamCount(0, 256, 1)).toThrow('invalid dOut');
    expect(() => loraParamCount(256, Number.NaN, 1)).toThrow('invalid dIn');
  });
});

describe('weightBytes', () => {
  it('weightBytes(7e9, 16) is 14 GB and weightBytes(7e9, 4) is 3.5 GB', () => {
    expect(weightBytes(7e9, 16)).toBe(14e9);
    expect(weightBytes(7e9, 4)).toBe(3.5e9);
  });

  it('weightBytes rejects negative counts and fractional bit widths', () => {
    expect(() => weightBytes(-1, 16)).toThrow(RangeError);
    expect(() => weightBytes(10, 2.5)).toThrow('invalid bits');
  });
});
