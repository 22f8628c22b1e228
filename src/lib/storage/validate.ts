/**
 * A small hand-written schema checker for data that crosses a trust boundary: records read back
 * from IndexedDB (which another version of the app, a browser bug or a user with devtools may have
 * damaged) and progress files a learner imports.
 *
 * A `Check<T>` takes an unknown value and the path it sits at (`topics[3].quizAttempts[0].score`)
 * and either returns a clean copy typed `T` or throws a `ValidationError` naming that path.
 * Object checks copy only the fields they know; unknown fields are dropped and their paths
 * collected in `CheckContext.ignored`, so a caller can say what it left out.
 *
 * @example
 * const point = object({ x: number(), y: number() });
 * const r = validate(point, JSON.parse(text), 'point');
 * if (!r.ok) console.warn(r.error.message); // "point.y: expected a number, found a string"
 */

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ValidationError';
  }
}

export interface CheckContext {
  /** Paths of fields that were present but unknown, and so left out of the result. */
  ignored: string[];
}

export type Check<T> = (value: unknown, path: string, ctx: CheckContext) => T;

export type Validated<T> =
  | { ok: true; value: T; ignored: string[] }
  | { ok: false; error: ValidationError };

export function validate<T>(check: Check<T>, value: unknown, path: string): Validated<T> {
  const ctx: CheckContext = { ignored: [] };
  try {
    return { ok: true, value: check(value, path, ctx), ignored: ctx.ignored };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, error };
    throw error;
  }
}

/** How a value reads in an error message: "a string", "null", "an array", "NaN". */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return 'an infinite number';
    return 'a number';
  }
  if (typeof value === 'object') {
    const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name} object` : 'an object';
  }
  return typeof value === 'string' || typeof value === 'boolean' ? `a ${typeof value}` : `a ${typeof value} value`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new ValidationError(path, `expected ${expected}, found ${describe(value)}`);
}

export function string(options: { maxLength?: number } = {}): Check<string> {
  const { maxLength = Infinity } = options;
  return (value, path) => {
    if (typeof value !== 'string') fail(path, 'a string', value);
    if (value.length > maxLength) {
      throw new ValidationError(path, `is ${value.length} characters long; at most ${maxLength} allowed`);
    }
    return value;
  };
}

export function boolean(): Check<boolean> {
  return (value, path) => {
    if (typeof value !== 'boolean') fail(path, 'a boolean', value);
    return value;
  };
}

export function number(options: { min?: number; max?: number; integer?: boolean } = {}): Check<number> {
  const { min = -Infinity, max = Infinity, integer = false } = options;
  const expected = integer ? 'an integer' : 'a number';
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, expected, value);
    if (integer && !Number.isInteger(value)) fail(path, expected, value);
    if (value < min || value > max) {
      throw new ValidationError(path, `${value} is out of range [${min}, ${max}]`);
    }
    return value;
  };
}

export function oneOf<const V extends readonly string[]>(values: V): Check<V[number]> {
  const expected = values.map((v) => `"${v}"`).join(' or ');
  return (value, path) => {
    if (typeof value !== 'string' || !values.includes(value)) {
      throw new ValidationError(path, `expected ${expected}, found ${typeof value === 'string' ? `"${value}"` : describe(value)}`);
    }
    return value as V[number];
  };
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path, ctx) => (value === null ? null : check(value, path, ctx));
}

export function array<T>(check: Check<T>, options: { maxLength?: number } = {}): Check<T[]> {
  const { maxLength = Infinity } = options;
  return (value, path, ctx) => {
    if (!Array.isArray(value)) fail(path, 'an array', value);
    if (value.length > maxLength) {
      throw new ValidationError(path, `has ${value.length} entries; at most ${maxLength} allowed`);
    }
    return value.map((item, i) => check(item, `${path}[${i}]`, ctx));
  };
}

/** Adds a rule that a value of the right shape must also satisfy (e.g. score ≤ total). */
export function refine<T>(check: Check<T>, rule: (value: T) => string | null): Check<T> {
  return (value, path, ctx) => {
    const checked = check(value, path, ctx);
    const problem = rule(checked);
    if (problem !== null) throw new ValidationError(path, problem);
    return checked;
  };
}

interface OptionalCheck<T> extends Check<T> {
  readonly optional: true;
}

/** Marks an object field that may be absent; an absent field stays absent in the result. */
export function optional<T>(check: Check<T>): OptionalCheck<T> {
  return Object.assign((value: unknown, path: string, ctx: CheckContext) => check(value, path, ctx), {
    optional: true as const,
  });
}

type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalCheck<unknown> ? K : never }[keyof S];
type Checked<C> = C extends Check<infer T> ? T : never;
type ShapeOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Checked<S[K]>;
} & { [K in OptionalKeys<S>]?: Checked<S[K]> };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function object<S extends Shape>(shape: S): Check<ShapeOf<S>> {
  return (value, path, ctx) => {
    if (!isPlainObject(value)) fail(path, 'an object', value);
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) ctx.ignored.push(`${path}.${key}`);
    }
    const result: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const fieldPath = `${path}.${key}`;
      if (!Object.hasOwn(value, key)) {
        if ('optional' in check) continue;
        throw new ValidationError(fieldPath, 'is missing');
      }
      result[key] = check(value[key], fieldPath, ctx);
    }
    return result as ShapeOf<S>;
  };
}

/**
 * A plain JSON value (null, boolean, finite number, string, array, plain object) that survives
 * `JSON.stringify` → `JSON.parse` unchanged: no `undefined`, functions, NaN, typed arrays, Maps,
 * Dates or cycles. `maxNodes` bounds the total number of values, so a huge payload is refused.
 */
export function jsonValue(options: { maxNodes?: number; maxDepth?: number } = {}): Check<unknown> {
  const { maxNodes = 1_000_000, maxDepth = 64 } = options;
  return (root, rootPath) => {
    let nodes = 0;
    const visit = (value: unknown, path: string, depth: number, seen: object[]): unknown => {
      nodes += 1;
      if (nodes > maxNodes) throw new ValidationError(rootPath, `has more than ${maxNodes} values; too large`);
      if (depth > maxDepth) throw new ValidationError(path, `is nested deeper than ${maxDepth} levels`);
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) fail(path, 'a JSON value', value);
        return value;
      }
      if (typeof value !== 'object') fail(path, 'a JSON value', value);
      if (seen.includes(value)) throw new ValidationError(path, 'refers back to itself (a cycle)');
      const inner = [...seen, value];
      if (Array.isArray(value)) return value.map((item, i) => visit(item, `${path}[${i}]`, depth + 1, inner));
      if (!isPlainObject(value)) fail(path, 'a JSON value', value);
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        // defineProperty, not assignment: a "__proto__" key from JSON.parse must stay a plain field.
        Object.defineProperty(copy, key, {
          value: visit(item, `${path}.${key}`, depth + 1, inner),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    };
    return visit(root, rootPath, 0, []);
  };
}
