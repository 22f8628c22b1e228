import { describe, expect, it } from 'vitest';
import { parseExample } from './example';
import exampleJson from './example.json';

describe('parseExample(json)', () => {
  it('reads the shipped example.json: rows are probability distributions', () => {
    const ex = parseExample(exampleJson);
    const { layers, heads, seq, data } = ex.stack;
    expect(ex.tokens[0]).toBe('[CLS]');
    expect(ex.tokens.at(-1)).toBe('[SEP]');
    expect(data).toHaveLength(layers);
    for (const layer of data) {
      for (let r = 0; r < heads * seq; r++) {
        const sum = layer.subarray(r * seq, (r + 1) * seq).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 2);
      }
    }
  });
  it('rejects a wrong shape, naming the field', () => {
    const bad = { ...exampleJson, attentions: [[0.5]] };
    expect(() => parseExample(bad)).toThrow(/"attentions"/);
    expect(() => parseExample({ ...exampleJson, tokens: ['a'] })).toThrow(/"tokens"/);
    expect(() => parseExample(null)).toThrow(/\(root\)/);
  });
});
