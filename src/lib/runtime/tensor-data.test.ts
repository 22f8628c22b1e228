import { describe, expect, it } from 'vitest';
import { RuntimeError } from './errors';
import { halfToFloat, toTensorData, transferablesOf } from './tensor-data';

describe('toTensorData', () => {
  it('toTensorData keeps float32 arrays that own their buffer', () => {
    const data = new Float32Array([1, 2]);
    const t = toTensorData('x', { dims: [1, 2], type: 'float32', data });
    expect(t).toEqual({ dims: [1, 2], type: 'float32', data });
    expect(t.data).toBe(data);
  });

  it('toTensorData copies views so the transfer cannot detach a shared buffer', () => {
    const backing = new Float32Array([9, 1, 2, 9]);
    const t = toTensorData('x', { dims: [2], type: 'float32', data: backing.subarray(1, 3) });
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2]);
    expect(t.data.buffer).not.toBe(backing.buffer);
    expect(transferablesOf([t])).toEqual([t.data.buffer]);
  });

  it('toTensorData widens float16 bits to float32', () => {
    const t = toTensorData('h', { dims: [3], type: 'float16', data: new Uint16Array([0x3c00, 0xc000, 0x3555]) });
    expect(t.type).toBe('float32');
    expect(Array.from(t.data as Float32Array)).toEqual([1, -2, Math.fround(halfToFloat(0x3555))]);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.33325, 5);
  });

  it('toTensorData refuses a type it cannot pass on', () => {
    expect(() => toTensorData('s', { dims: [1], type: 'string', data: ['a'] })).toThrow(RuntimeError);
  });
});
