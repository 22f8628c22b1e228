import { describe, expect, it } from 'vitest';
import { attentionBytes, headMatrix, maxSeqWithinCap, stackFromOutputs } from './attention-stack';

const t = (dims: number[], values: number[]) => ({ dims, type: 'float32', data: Float32Array.from(values) });

describe('stackFromOutputs(outputs)', () => {
  it('orders attentions.<layer> numerically and ignores other outputs', () => {
    const outputs: Record<string, ReturnType<typeof t>> = { last_hidden_state: t([1, 1, 1], [9]) };
    for (let l = 0; l < 11; l++) outputs[`attentions.${l}`] = t([1, 1, 1, 1], [l]);
    const stack = stackFromOutputs(outputs);
    expect([stack.layers, stack.heads, stack.seq]).toEqual([11, 1, 1]);
    expect(stack.data.map((d) => d[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  it('accepts [heads, seq, seq] and rejects missing layers, mixed shapes, non-float data', () => {
    expect(stackFromOutputs({ 'attentions.0': t([2, 1, 1], [0.5, 0.25]) }).heads).toBe(2);
    expect(() => stackFromOutputs({ logits: t([1], [1]) })).toThrow(/no attentions/);
    expect(() => stackFromOutputs({ 'attentions.1': t([1, 1, 1, 1], [1]) })).toThrow(/skip layer 0/);
    expect(() => stackFromOutputs({ 'attentions.0': t([1, 1, 1, 1], [1]), 'attentions.1': t([1, 1, 2, 2], [1, 0, 0, 1]) })).toThrow(/unlike layer 0/);
    expect(() => stackFromOutputs({ 'attentions.0': t([1, 1, 2, 3], [0, 0, 0, 0, 0, 0]) })).toThrow(/expected \[1, heads, seq, seq\]/);
    expect(() => stackFromOutputs({ 'attentions.0': { dims: [1, 1, 1, 1], type: 'int64', data: [1n] } })).toThrow(/int64/);
  });
});

describe('headMatrix(stack, layer, head)', () => {
  it('is the head-th seq × seq block of the layer', () => {
    const stack = stackFromOutputs({ 'attentions.0': t([1, 2, 2, 2], [1, 0, 0, 1, 0.5, 0.5, 0.25, 0.75]) });
    expect([...headMatrix(stack, 0, 1)]).toEqual([0.5, 0.5, 0.25, 0.75]);
    expect(() => headMatrix(stack, 0, 2)).toThrow(RangeError);
    expect(() => headMatrix(stack, 1, 0)).toThrow(RangeError);
  });
});

describe('attentionBytes(layers, heads, seq) and maxSeqWithinCap', () => {
  it('counts float32 values: 4 × 4 × 256² × 4 = 4 MiB; bert-base at 512 tokens = 144 MiB', () => {
    expect(attentionBytes(4, 4, 256)).toBe(4 * 1024 * 1024);
    expect(attentionBytes(12, 12, 512)).toBe(144 * 1024 * 1024);
    expect(maxSeqWithinCap(12, 12)).toBe(341);
    expect(attentionBytes(12, 12, 341)).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(attentionBytes(12, 12, 342)).toBeGreaterThan(64 * 1024 * 1024);
  });
});
