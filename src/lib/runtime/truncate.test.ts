import { describe, expect, it } from 'vitest';
import { truncateEncoding, type Encoding } from './truncate';

const S = true;
const C = false;

function pair(a: number, b: number): Encoding {
  const ids = [101, ...Array.from({ length: a }, (_, i) => 1000 + i), 102, ...Array.from({ length: b }, (_, i) => 2000 + i), 102];
  const types = [0, ...Array(a).fill(0), 0, ...Array(b).fill(1), 1];
  const special = [S, ...Array(a).fill(C), S, ...Array(b).fill(C), S];
  return { ids, types, special };
}

describe('truncateEncoding', () => {
  it('truncateEncoding(single, 4) keeps [CLS] … [SEP] and drops the tail of the text', () => {
    const e = { ids: [2, 7, 8, 9, 3], types: [0, 0, 0, 0, 0], special: [S, C, C, C, S] };
    expect(truncateEncoding(e, 4)).toEqual({ ids: [2, 7, 8, 3], types: [0, 0, 0, 0], special: [S, C, C, S] });
  });

  it('truncateEncoding(pair) takes from the longer text first (longest_first)', () => {
    const out = truncateEncoding(pair(6, 2), 8);
    expect(out.ids).toEqual([101, 1000, 1001, 1002, 102, 2000, 2001, 102]);
    expect(out.types).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    const even = truncateEncoding(pair(4, 4), 7);
    expect(even.ids).toEqual([101, 1000, 1001, 102, 2000, 2001, 102]);
  });

  it('truncateEncoding leaves short encodings as they are (a copy)', () => {
    const e = pair(1, 1);
    const out = truncateEncoding(e, 10);
    expect(out).toEqual(e);
    expect(out.ids).not.toBe(e.ids);
  });

  it('truncateEncoding throws when maxLength cannot hold the special tokens', () => {
    expect(() => truncateEncoding(pair(2, 2), 2)).toThrow(RangeError);
    expect(() => truncateEncoding(pair(2, 2), 0)).toThrow(RangeError);
  });
});
