/**
 * Seeded input generators for the parser fuzz tests: byte-level mutations of a valid file (bit
 * flips, overwrites, insertions, deletions, truncation, duplicated ranges, "interesting" bytes),
 * structure-aware mutations of a JSON value (a field removed, retyped, made huge, nested deep, a
 * `__proto__` key …), and plain random bytes. Every choice comes from the `random` passed in, so a
 * failing case is reproduced from its seed and iteration alone.
 */

export type Random = () => number;

export const int = (random: Random, n: number): number => Math.floor(random() * n);

/** A copy of the bytes (Node's `Buffer#slice` would share memory with the original). */
export const copyBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick() from an empty list');
  return items[int(random, items.length)]!;
}

export function randomBytes(random: Random, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = int(random, 256);
  return out;
}

/** Bytes that often sit on a parser's edge: NUL, high bit, JSON punctuation, BOM and UTF-8 lead bytes. */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0xc0, 0xe4, 0xf0, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x0a, 0x0d, 0x2d, 0x30, 0x39, 0x65];

type ByteMutation = (random: Random, bytes: Uint8Array) => Uint8Array;

const BYTE_MUTATIONS: readonly ByteMutation[] = [
  function flipBits(random, bytes) {
    const out = copyBytes(bytes);
    for (let k = 1 + int(random, 8); k > 0 && out.length > 0; k--) out[int(random, out.length)]! ^= 1 << int(random, 8);
    return out;
  },
  function overwrite(random, bytes) {
    const out = copyBytes(bytes);
    for (let k = 1 + int(random, 16); k > 0 && out.length > 0; k--) out[int(random, out.length)] = random() < 0.5 ? pick(random, INTERESTING) : int(random, 256);
    return out;
  },
  function insert(random, bytes) {
    const at = int(random, bytes.length + 1);
    const add = random() < 0.5 ? randomBytes(random, 1 + int(random, 64)) : new Uint8Array(1 + int(random, 8)).fill(pick(random, INTERESTING));
    return concat(bytes.subarray(0, at), add, bytes.subarray(at));
  },
  function remove(random, bytes) {
    const at = int(random, bytes.length + 1);
    return concat(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + int(random, 256))));
  },
  function truncate(random, bytes) {
    return copyBytes(bytes.subarray(0, int(random, bytes.length + 1)));
  },
  function duplicate(random, bytes) {
    const from = int(random, bytes.length + 1);
    const to = Math.min(bytes.length, from + 1 + int(random, 512));
    const at = int(random, bytes.length + 1);
    return concat(bytes.subarray(0, at), bytes.subarray(from, to), bytes.subarray(at));
  },
];

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One to four byte-level mutations of `bytes` (a fresh array; `bytes` is not changed). */
export function mutateBytes(random: Random, bytes: Uint8Array): Uint8Array {
  let out = bytes;
  for (let k = 1 + int(random, 4); k > 0; k--) out = pick(random, BYTE_MUTATIONS)(random, out);
  return out === bytes ? copyBytes(bytes) : out;
}

/** Values that break assumptions about a JSON field: wrong types, extremes, odd strings. */
function oddValue(random: Random): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => true,
    () => -1,
    () => 0,
    () => 1e308,
    () => -1e308,
    () => 2 ** 53 + 2,
    () => 1e9,
    () => 0.5,
    () => '',
    () => 'x'.repeat(1 + int(random, 300_000)),
    () => '<img src=x onerror="window.__pwned=1">',
    () => '\u202e\u0000\ud83d',
    () => '2/transformer',
    () => '1970-01-01T00:00:00.000Z',
    () => [],
    () => Array.from({ length: int(random, 50) }, () => int(random, 3)),
    () => ({}),
    () => JSON.parse('{"__proto__": {"polluted": true}}'),
    () => nest(1 + int(random, 2_000)),
  ];
  return pick(random, choices)();
}

function nest(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Every [container, key] slot in a JSON value, for picking one to change. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = [], budget = { n: 20_000 }): typeof out {
  if (budget.n-- <= 0 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slots(v, out, budget);
    });
  } else {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots(v, out, budget);
    }
  }
  return out;
}

/**
 * One to three structural changes to a deep copy of `value`: a field set to an odd value, removed,
 * duplicated into an array, or a new unknown field added. Returns the changed copy.
 */
export function mutateJson(random: Random, value: unknown): unknown {
  const copy: unknown = structuredClone(value);
  for (let k = 1 + int(random, 3); k > 0; k--) {
    const all = slots(copy);
    if (all.length === 0) return oddValue(random);
    const [container, key] = pick(random, all);
    const op = int(random, 5);
    if (Array.isArray(container)) {
      const i = key as number;
      if (op === 0) container.splice(i, 1);
      else if (op === 1) container.push(...Array.from({ length: 1 + int(random, 4) }, () => structuredClone(container[i])));
      else container[i] = oddValue(random);
    } else {
      const name = key as string;
      if (op === 0) delete container[name];
      else if (op === 1) container[`extra_${int(random, 1000)}`] = oddValue(random);
      else container[name] = oddValue(random);
    }
  }
  return copy;
}

/**
 * A fuzz case from a seed file: a structural JSON mutation (when `json` is given), a byte-level
 * mutation, or random bytes, in roughly 40 / 45 / 15 proportions.
 */
export function fuzzBytes(random: Random, seed: Uint8Array, json?: unknown): { kind: 'json' | 'bytes' | 'random'; bytes: Uint8Array } {
  const r = random();
  if (json !== undefined && r < 0.4) return { kind: 'json', bytes: new TextEncoder().encode(JSON.stringify(mutateJson(random, json))) };
  if (r < 0.85) return { kind: 'bytes', bytes: mutateBytes(random, seed) };
  return { kind: 'random', bytes: randomBytes(random, int(random, 4096)) };
}

/** A short, printable description of a failing input, for the failure message. */
export function preview(bytes: Uint8Array, max = 160): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, max));
  return `${bytes.length} bytes: ${JSON.stringify(text)}${bytes.length > max ? '…' : ''}`;
}
