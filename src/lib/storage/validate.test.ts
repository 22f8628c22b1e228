import { describe, expect, it } from 'vitest';
import {
  ValidationError,
  array,
  boolean,
  describe as describeValue,
  jsonValue,
  nullable,
  number,
  object,
  oneOf,
  optional,
  refine,
  string,
  validate,
} from './validate';

const failure = (result: ReturnType<typeof validate>) => (result.ok ? null : result.error.message);

describe('validate', () => {
  it('validate(check, value, path) returns the checked value and the ignored field paths', () => {
    const point = object({ x: number(), y: number() });
    expect(validate(point, { x: 1, y: 2, z: 3, w: 4 }, 'p')).toEqual({ ok: true, value: { x: 1, y: 2 }, ignored: ['p.z', 'p.w'] });
  });

  it('validate() names the path and the problem, and rethrows anything but a ValidationError', () => {
    expect(failure(validate(object({ a: array(number()) }), { a: [1, 'x'] }, 'v'))).toBe('v.a[1]: expected a number, found a string');
    const buggy = () => {
      throw new TypeError('bug');
    };
    expect(() => validate(buggy, 1, 'v')).toThrow(TypeError);
  });

  it('describe(value) names what was found', () => {
    expect([null, undefined, [], NaN, Infinity, 1, {}, Object.create(null), new Map(), 's', true, 1n].map(describeValue)).toEqual([
      'null', 'nothing', 'an array', 'NaN', 'an infinite number', 'a number', 'an object', 'an object', 'a Map object', 'a string', 'a boolean', 'a bigint value',
    ]);
  });
});

describe('primitive checks', () => {
  it('string({ maxLength }) rejects other types and long strings', () => {
    expect(failure(validate(string(), 3, 's'))).toBe('s: expected a string, found a number');
    expect(failure(validate(string({ maxLength: 2 }), 'abc', 's'))).toBe('s: is 3 characters long; at most 2 allowed');
    expect(validate(string({ maxLength: 3 }), 'abc', 's').ok).toBe(true);
  });

  it('number({ min, max, integer }) rejects NaN, infinities, fractions and out-of-range values', () => {
    const n = number({ min: 0, max: 10, integer: true });
    expect(failure(validate(n, NaN, 'n'))).toBe('n: expected an integer, found NaN');
    expect(failure(validate(n, Infinity, 'n'))).toBe('n: expected an integer, found an infinite number');
    expect(failure(validate(n, 1.5, 'n'))).toBe('n: expected an integer, found a number');
    expect(failure(validate(n, 11, 'n'))).toBe('n: 11 is out of range [0, 10]');
    expect(failure(validate(n, '3', 'n'))).toBe('n: expected an integer, found a string');
    expect(validate(n, 10, 'n')).toEqual({ ok: true, value: 10, ignored: [] });
  });

  it('boolean() and oneOf(values)', () => {
    expect(failure(validate(boolean(), 0, 'b'))).toBe('b: expected a boolean, found a number');
    expect(failure(validate(oneOf(['a', 'b']), 'c', 'o'))).toBe('o: expected "a" or "b", found "c"');
    expect(failure(validate(oneOf(['a', 'b']), null, 'o'))).toBe('o: expected "a" or "b", found null');
    expect(validate(oneOf(['a', 'b']), 'b', 'o').ok).toBe(true);
  });
});

describe('structure checks', () => {
  it('nullable(check) accepts null only', () => {
    expect(validate(nullable(number()), null, 'n')).toEqual({ ok: true, value: null, ignored: [] });
    expect(failure(validate(nullable(number()), undefined, 'n'))).toBe('n: expected a number, found nothing');
  });

  it('array(check, { maxLength }) refuses too many entries before checking them', () => {
    expect(failure(validate(array(number(), { maxLength: 2 }), [1, 2, 3], 'a'))).toBe('a: has 3 entries; at most 2 allowed');
    expect(failure(validate(array(number()), { length: 0 }, 'a'))).toBe('a: expected an array, found an object');
  });

  it('object(shape) requires every field but optional ones, which stay absent when absent', () => {
    const shape = object({ a: number(), b: optional(string()) });
    expect(failure(validate(shape, { b: 'x' }, 'o'))).toBe('o.a: is missing');
    const absent = validate(shape, { a: 1 }, 'o');
    expect(absent.ok && Object.hasOwn(absent.value, 'b')).toBe(false);
    expect(validate(shape, { a: 1, b: 'x' }, 'o')).toEqual({ ok: true, value: { a: 1, b: 'x' }, ignored: [] });
    expect(failure(validate(shape, [1], 'o'))).toBe('o: expected an object, found an array');
    expect(failure(validate(shape, new Date(), 'o'))).toBe('o: expected an object, found a Date object');
  });

  it('refine(check, rule) adds a rule with its own message', () => {
    const range = refine(object({ lo: number(), hi: number() }), (r) => (r.lo > r.hi ? 'lo is above hi' : null));
    expect(failure(validate(range, { lo: 2, hi: 1 }, 'r'))).toBe('r: lo is above hi');
    expect(validate(range, { lo: 1, hi: 2 }, 'r').ok).toBe(true);
  });

  it('ValidationError carries the path and the problem apart', () => {
    const r = validate(number(), 'x', 'root.n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ValidationError);
      expect([r.error.path, r.error.problem]).toEqual(['root.n', 'expected a number, found a string']);
    }
  });
});

describe('jsonValue', () => {
  const json = jsonValue({ maxNodes: 10, maxDepth: 3 });

  it('jsonValue() copies plain JSON exactly', () => {
    const value = { a: [1, 'two', null, true, { b: -0.5 }] };
    const r = validate(jsonValue(), value, 'j');
    expect(r).toEqual({ ok: true, value, ignored: [] });
    expect(r.ok && r.value !== value).toBe(true);
  });

  it('jsonValue() rejects what JSON cannot carry, naming where it is', () => {
    expect(failure(validate(json, { f: () => 1 }, 'j'))).toBe('j.f: expected a JSON value, found a function value');
    expect(failure(validate(json, [1, undefined], 'j'))).toBe('j[1]: expected a JSON value, found nothing');
    expect(failure(validate(json, { n: NaN }, 'j'))).toBe('j.n: expected a JSON value, found NaN');
    expect(failure(validate(json, { v: new Float32Array(2) }, 'j'))).toBe('j.v: expected a JSON value, found a Float32Array object');
    expect(failure(validate(json, { m: new Map() }, 'j'))).toBe('j.m: expected a JSON value, found a Map object');
  });

  it('jsonValue() rejects cycles, deep nesting and too many values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(failure(validate(json, cyclic, 'j'))).toBe('j.self: refers back to itself (a cycle)');
    expect(failure(validate(json, [[[[1]]]], 'j'))).toBe('j[0][0][0][0]: is nested deeper than 3 levels');
    expect(failure(validate(json, Array.from({ length: 10 }, () => 0), 'j'))).toBe('j: has more than 10 values; too large');
  });

  it('jsonValue() allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(validate(json, [shared, shared], 'j')).toEqual({ ok: true, value: [{ x: 1 }, { x: 1 }], ignored: [] });
  });

  it('jsonValue() keeps a "__proto__" key from JSON.parse as a plain field', () => {
    const r = validate(jsonValue(), JSON.parse('{"__proto__": {"polluted": true}}'), 'j');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.keys(r.value as object)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    }
  });
});
