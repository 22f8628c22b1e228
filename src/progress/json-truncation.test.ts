import { describe, expect, it } from 'vitest';
import { looksTruncated } from './json-truncation';

describe('looksTruncated', () => {
  it('looksTruncated(text) is true for JSON cut inside an object, an array or a string', () => {
    const full = JSON.stringify({ a: [1, { b: 'x"}]' }], c: 'end' });
    for (let cut = 1; cut < full.length; cut++) expect([cut, looksTruncated(full.slice(0, cut))]).toEqual([cut, true]);
  });

  it('looksTruncated(text) is false for malformed text that is not cut short', () => {
    expect(looksTruncated('hello')).toBe(false);
    expect(looksTruncated('{"a": 1}}')).toBe(false);
    expect(looksTruncated('{"a": 1,}')).toBe(false);
    expect(looksTruncated("{'a': 1}")).toBe(false);
    expect(looksTruncated('')).toBe(false);
  });

  it('looksTruncated(text) reads brackets and escaped quotes inside strings as text', () => {
    expect(looksTruncated('{"a": "[[{{\\""}')).toBe(false);
    expect(looksTruncated('{"a": "\\\\"')).toBe(true);
  });
});
