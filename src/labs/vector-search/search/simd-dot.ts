/**
 * The exact scan's inner loop in WebAssembly SIMD: one query against every row, 16 floats per step
 * in four f32x4 accumulators. The module is assembled here from its opcodes (a few dozen bytes, no
 * toolchain), validated, and instantiated over a memory that holds the collection's vectors, so the
 * vectors live in exactly one place. Where WebAssembly SIMD is missing, or the dimension is not a
 * multiple of 16, `DotScanner.create` returns null and the scan stays in JavaScript.
 *
 * @example
 * const scanner = DotScanner.create(set.count, set.dim);
 * if (scanner) scanner.vectors.set(set.data);
 * scanner?.dots(query); // Float32Array of set.count dot products
 */

const I32 = 0x7f;
const V128 = 0x7b;
const OP = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b,
  localGet: 0x20, localSet: 0x21,
  i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, i32Mul: 0x6c, i32Shl: 0x74, i32Load: 0x28,
  f32Add: 0x92, f32Store: 0x38,
  simd: 0xfd,
} as const;
const SIMD = { v128Load: 0x00, v128Const: 0x0c, f32x4ExtractLane: 0x1f, f32x4Add: 0xe4, f32x4Mul: 0xe6 } as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const simd = (op: number) => [OP.simd, ...uleb(op)];
const get = (i: number) => [OP.localGet, ...uleb(i)];
const set = (i: number) => [OP.localSet, ...uleb(i)];
const i32 = (n: number) => [OP.i32Const, ...sleb(n)];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

/** One dot product of the row at byte address ROW with the query at Q (four f32x4 accumulators), left on the stack. */
function dotBody(L: { row: number; q: number; j: number; bytes: number; acc: number[] }): number[] {
  const load = (base: number, offset: number) => [...get(base), ...get(L.j), OP.i32Add, ...simd(SIMD.v128Load), 0x04, ...uleb(offset)];
  const step = (k: number) => [...get(L.acc[k]!), ...load(L.row, 16 * k), ...load(L.q, 16 * k), ...simd(SIMD.f32x4Mul), ...simd(SIMD.f32x4Add), ...set(L.acc[k]!)];
  const zero = [...simd(SIMD.v128Const), ...new Array<number>(16).fill(0)];
  const lane = (k: number, l: number) => [...get(L.acc[k]!), ...simd(SIMD.f32x4ExtractLane), l];
  const sumLanes = [...lane(0, 0), ...[1, 2, 3].flatMap((l) => [...lane(0, l), OP.f32Add]), ...[1, 2, 3].flatMap((k) => [0, 1, 2, 3].flatMap((l) => [...lane(k, l), OP.f32Add]))];
  return [
    ...L.acc.flatMap((a) => [...zero, ...set(a)]),
    ...i32(0), ...set(L.j),
    OP.block, 0x40, OP.loop, 0x40,
    ...get(L.j), ...get(L.bytes), OP.i32GeU, OP.brIf, 1,
    ...step(0), ...step(1), ...step(2), ...step(3),
    ...get(L.j), ...i32(64), OP.i32Add, ...set(L.j),
    OP.br, 0, OP.end, OP.end,
    ...sumLanes,
  ];
}

/**
 * Two functions over one imported memory (byte addresses; dim % 16 = 0):
 * `dots(vec, q, out, n, dim)`: out[i] = Σ_j vec[i·dim + j] · q[j] for rows 0 … n-1 (the exact scan);
 * `dotsAt(vec, q, ids, out, n, dim)`: out[t] = Σ_j vec[ids[t]·dim + j] · q[j] for t < n (HNSW's
 * neighbour lists: one call per list; q may itself be a row of vec).
 */
export function dotKernelModule(): Uint8Array<ArrayBuffer> {
  // dots: params 0 vec, 1 q, 2 out, 3 n, 4 dim; locals 5 i, 6 row, 7 j, 8 rowBytes, 9–12 accumulators
  const dots = (() => {
    const [VEC, Q, OUT, N, DIM, I, ROW, J, BYTES] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const dot = dotBody({ row: ROW, q: Q, j: J, bytes: BYTES, acc: [9, 10, 11, 12] });
    return [
      ...get(DIM), ...i32(2), OP.i32Shl, ...set(BYTES),
      ...get(VEC), ...set(ROW),
      OP.block, 0x40, OP.loop, 0x40,
      ...get(I), ...get(N), OP.i32GeU, OP.brIf, 1,
      ...get(OUT), ...get(I), ...i32(2), OP.i32Shl, OP.i32Add,
      ...dot,
      OP.f32Store, 0x02, 0x00,
      ...get(ROW), ...get(BYTES), OP.i32Add, ...set(ROW),
      ...get(I), ...i32(1), OP.i32Add, ...set(I),
      OP.br, 0, OP.end, OP.end,
      OP.end,
    ];
  })();
  // dotsAt: params 0 vec, 1 q, 2 ids, 3 out, 4 n, 5 dim; locals 6 i, 7 row, 8 j, 9 rowBytes, 10–13 accumulators
  const dotsAt = (() => {
    const [VEC, Q, IDS, OUT, N, DIM, I, ROW, J, BYTES] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const dot = dotBody({ row: ROW, q: Q, j: J, bytes: BYTES, acc: [10, 11, 12, 13] });
    return [
      ...get(DIM), ...i32(2), OP.i32Shl, ...set(BYTES),
      OP.block, 0x40, OP.loop, 0x40,
      ...get(I), ...get(N), OP.i32GeU, OP.brIf, 1,
      // row = vec + ids[i] · rowBytes
      ...get(VEC), ...get(IDS), ...get(I), ...i32(2), OP.i32Shl, OP.i32Add, OP.i32Load, 0x02, 0x00, ...get(BYTES), OP.i32Mul, OP.i32Add, ...set(ROW),
      ...get(OUT), ...get(I), ...i32(2), OP.i32Shl, OP.i32Add,
      ...dot,
      OP.f32Store, 0x02, 0x00,
      ...get(I), ...i32(1), OP.i32Add, ...set(I),
      OP.br, 0, OP.end, OP.end,
      OP.end,
    ];
  })();
  const locals = vec([[...uleb(4), I32], [...uleb(4), V128]]);
  const fn = (body: number[]) => {
    const code = [...locals, ...body];
    return [...uleb(code.length), ...code];
  };
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...uleb(5), I32, I32, I32, I32, I32, 0x00], [0x60, ...uleb(6), I32, I32, I32, I32, I32, I32, 0x00]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0x00], [0x01]])),
    ...section(7, vec([[...name('dots'), 0x00, 0x00], [...name('dotsAt'), 0x00, 0x01]])),
    ...section(10, vec([fn(dots), fn(dotsAt)])),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

function kernel(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = dotKernelModule();
    compiled = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

const PAGE = 65536;
/** Longest id list one `dotsAt` call takes (HNSW lists hold at most 2·64 + 1 ids). */
export const GATHER_MAX = 256;

type DotsFn = (vec: number, q: number, out: number, n: number, dim: number) => void;
type DotsAtFn = (vec: number, q: number, ids: number, out: number, n: number, dim: number) => void;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** Which scanner's memory holds a given buffer: lets an index find the kernel over its collection's vectors. */
const owners = new WeakMap<ArrayBufferLike, DotScanner>();

export class DotScanner {
  readonly count: number;
  readonly dim: number;
  /** The collection's vectors, inside the kernel's memory (`count × dim`): write them here once. */
  readonly vectors: Float32Array;
  /** Scratch id list for `dotsAt` (GATHER_MAX entries): fill the first n, then call `dotsAt(n, …)`. */
  readonly ids: Int32Array;
  readonly #query: Float32Array;
  readonly #out: Float32Array;
  readonly #gathered: Float32Array;
  readonly #dots: DotsFn;
  readonly #dotsAt: DotsAtFn;
  readonly #qAt: number;
  readonly #outAt: number;
  readonly #idsAt: number;
  readonly #gatheredAt: number;

  private constructor(count: number, dim: number, memory: WebAssembly.Memory, dots: DotsFn, dotsAt: DotsAtFn) {
    this.count = count;
    this.dim = dim;
    this.#qAt = align16(count * dim * 4);
    this.#outAt = align16(this.#qAt + dim * 4);
    this.#idsAt = align16(this.#outAt + count * 4);
    this.#gatheredAt = this.#idsAt + GATHER_MAX * 4;
    this.vectors = new Float32Array(memory.buffer, 0, count * dim);
    this.#query = new Float32Array(memory.buffer, this.#qAt, dim);
    this.#out = new Float32Array(memory.buffer, this.#outAt, count);
    this.ids = new Int32Array(memory.buffer, this.#idsAt, GATHER_MAX);
    this.#gathered = new Float32Array(memory.buffer, this.#gatheredAt, GATHER_MAX);
    this.#dots = dots;
    this.#dotsAt = dotsAt;
  }

  /** A scanner for `count` vectors of `dim` dimensions, or null when SIMD is unavailable or `dim % 16 ≠ 0`. */
  static create(count: number, dim: number): DotScanner | null {
    if (dim % 16 !== 0 || count < 1) return null;
    const module = kernel();
    if (!module) return null;
    const bytes = align16(align16(align16(count * dim * 4) + dim * 4) + count * 4) + GATHER_MAX * 8;
    if (bytes > 2 ** 31) return null;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const scanner = new DotScanner(count, dim, memory, instance.exports.dots as DotsFn, instance.exports.dotsAt as DotsAtFn);
    owners.set(memory.buffer, scanner);
    return scanner;
  }

  /** The scanner whose `vectors` are exactly the first rows of `data` (same memory, same start), if any. */
  static holding(data: Float32Array, dim: number): DotScanner | null {
    const s = owners.get(data.buffer);
    return s && s.dim === dim && data.byteOffset === 0 && data.length <= s.vectors.length ? s : null;
  }

  /** Dot products of `query` with rows 0 … `rows`-1 (a view, valid until the next call). */
  dots(query: Float32Array, rows = this.count): Float32Array {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} dimensions, the scanner ${this.dim}`);
    this.#query.set(query);
    this.#dots(0, this.#qAt, this.#outAt, Math.min(rows, this.count), this.dim);
    return this.#out.subarray(0, Math.min(rows, this.count));
  }

  /** Copies `query` into the kernel's query slot, for `dotsAt(n, -1)`. */
  setQuery(query: Float32Array): void {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} dimensions, the scanner ${this.dim}`);
    this.#query.set(query);
  }

  /**
   * Dot products of rows `ids[0 … n-1]` with row `of` (or, with `of` = -1, the query set by `setQuery`),
   * in the first n values of the returned scratch view (valid until the next call). Ids are not
   * range-checked: callers own them (an id past `count` reads the scratch area, never outside memory).
   */
  dotsAt(n: number, of: number): Float32Array {
    if (n > GATHER_MAX) throw new RangeError(`dotsAt takes at most ${GATHER_MAX} ids, got ${n}`);
    this.#dotsAt(0, of < 0 ? this.#qAt : of * this.dim * 4, this.#idsAt, this.#gatheredAt, n, this.dim);
    return this.#gathered;
  }
}
