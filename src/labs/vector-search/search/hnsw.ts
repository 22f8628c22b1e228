/**
 * Hierarchical Navigable Small World graphs (Malkov & Yashunin 2016, arXiv:1603.09320), the
 * approximate index of most vector databases: Algorithms 1, 2, 4 and 5 of the paper with the
 * neighbour-selection heuristic, following hnswlib's choices (M neighbours per node on upper
 * layers, 2·M on layer 0, the closest neighbour as the next layer's entry point).
 *
 * The graph lives in typed arrays (no object per node) and reads the vectors from the collection's
 * contiguous Float32Array, so 100k × 256 fits in a worker. Distances come from the WebAssembly SIMD
 * kernel of the exact scan (`DotScanner.dotsAt`, one call per neighbour list) when the dimension is a
 * multiple of 16: over the scanner that already holds the collection's vectors, or over a copy; else
 * from JavaScript loops. Randomness (each node's level) comes from an injected seeded generator: the
 * same seed and data give the same graph.
 *
 * @example
 * const index = new HnswIndex(set, { M: 16, efConstruction: 200, metric: 'cosine', seed: 1 });
 * index.addUpTo(set.count);
 * index.search(query, 10, 64).hits; // [{ index, score }, …]
 */
import { DistHeap } from './dist-heap';
import { checkGraph, checkHnswParams, type HnswGraph, type HnswParams } from './hnsw-graph';
import { mulberry32 } from './rng';
import { DotScanner } from './simd-dot';
import type { Hit } from './top-k-heap';
import { dotAt, l2SqAt, rowNorms, type VectorSet } from './vector-set';

export interface HnswSearchResult {
  hits: Hit[];
  /** Distance evaluations made (the cost the `ef` slider trades for recall). */
  distanceCount: number;
}

const MAX_LEVEL = 30;

export interface HnswOptions {
  /** Level generator (uniform in [0, 1)); defaults to mulberry32(params.seed). */
  random?: () => number;
  /** Use the WebAssembly SIMD distance kernel where possible (default true); false = JavaScript only. */
  simd?: boolean;
}

export class HnswIndex {
  readonly params: HnswParams;
  readonly dim: number;
  #set: VectorSet;
  #invNorms: Float32Array | null = null;
  /** Squared row norms (L2 through ‖a‖² + ‖b‖² − 2 a·b on the SIMD path). */
  #sqNorms: Float32Array | null = null;
  /** The SIMD kernel whose memory holds the vectors, or null (JavaScript distances). */
  #k: DotScanner | null = null;
  #simd: boolean;
  #metric: 0 | 1 | 2;
  #random: () => number;
  #mL: number;
  #m: number;
  #m0: number;
  #count = 0;
  #entry = -1;
  #maxLevel = -1;
  #capacity = 0;
  #levels = new Uint8Array(0);
  #level0 = new Int32Array(0);
  #upperOffsets = new Int32Array(0);
  #upper = new Int32Array(1024);
  #upperUsed = 0;
  #visited = new Uint32Array(0);
  #visitTag = 0;
  #candidates = new DistHeap(256);
  #results = new DistHeap(256);
  #distances = 0;
  /** The current query on the SIMD path: its row (-1 = the kernel's query slot) and squared norm. */
  #qRow = -1;
  #qSq = 0;

  constructor(set: VectorSet, params: HnswParams, opts: HnswOptions = {}) {
    checkHnswParams(params);
    this.params = { ...params };
    this.dim = set.dim;
    this.#set = set;
    this.#metric = params.metric === 'cosine' ? 0 : params.metric === 'dot' ? 1 : 2;
    this.#random = opts.random ?? mulberry32(params.seed);
    this.#simd = opts.simd ?? true;
    this.#m = params.M;
    this.#m0 = 2 * params.M;
    this.#mL = 1 / Math.log(params.M);
    this.#bind(set);
  }

  /** Rows indexed so far (rows 0 … count-1 of the collection). */
  get count(): number {
    return this.#count;
  }

  get maxLevel(): number {
    return this.#maxLevel;
  }

  /**
   * Points the index at a (possibly larger) version of the same collection: rows already indexed
   * must be unchanged. Needed after more vectors were embedded, before `addUpTo`.
   */
  rebind(set: VectorSet): void {
    if (set.dim !== this.dim) throw new RangeError(`the index has ${this.dim} dimensions, the collection ${set.dim}`);
    if (set.count < this.#count) throw new RangeError(`the collection has ${set.count} rows, the index ${this.#count}`);
    this.#bind(set);
  }

  #bind(set: VectorSet): void {
    this.#set = set;
    const norms = this.#metric === 1 ? new Float32Array(0) : rowNorms(set); // dot needs no norms
    if (this.#metric === 0) {
      for (let i = 0; i < norms.length; i++) norms[i] = norms[i]! > 0 ? 1 / norms[i]! : 0;
      this.#invNorms = norms;
    } else if (this.#metric === 2) {
      for (let i = 0; i < norms.length; i++) norms[i] = norms[i]! * norms[i]!;
      this.#sqNorms = norms;
    }
    this.#k = null;
    if (this.#simd && set.count > 0) {
      this.#k = DotScanner.holding(set.data, set.dim);
      if (!this.#k) {
        this.#k = DotScanner.create(set.count, set.dim);
        this.#k?.vectors.set(set.data.subarray(0, set.count * set.dim));
      }
    }
    this.#grow(set.count);
  }

  /** Whether distances run in the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.#k !== null;
  }

  #grow(capacity: number): void {
    if (capacity <= this.#capacity) return;
    const stride = this.#m0 + 1;
    const levels = new Uint8Array(capacity);
    levels.set(this.#levels);
    const level0 = new Int32Array(capacity * stride);
    level0.set(this.#level0);
    const offsets = new Int32Array(capacity).fill(-1);
    offsets.set(this.#upperOffsets);
    this.#levels = levels;
    this.#level0 = level0;
    this.#upperOffsets = offsets;
    this.#visited = new Uint32Array(capacity);
    this.#visitTag = 0;
    this.#capacity = capacity;
  }

  /** Inserts rows `count … n-1`. Call in slices (with progress in between) for large collections. */
  addUpTo(n: number): void {
    if (n > this.#set.count) throw new RangeError(`only ${this.#set.count} rows are available, asked for ${n}`);
    while (this.#count < n) this.#insert(this.#count++);
  }

  // ---- distances: lower is closer ----

  #distToRow(q: Float32Array, qInv: number, j: number): number {
    this.#distances++;
    const data = this.#set.data;
    const dim = this.dim;
    if (this.#metric === 0) return 1 - dotAt(q, data, j * dim, dim) * qInv * this.#invNorms![j]!;
    if (this.#metric === 1) return -dotAt(q, data, j * dim, dim);
    return l2SqAt(q, data, j * dim, dim);
  }

  /** Distance between rows a and b. */
  #distRows(a: number, b: number): number {
    this.#distances++;
    const data = this.#set.data;
    const dim = this.dim;
    const oa = a * dim;
    const ob = b * dim;
    if (this.#metric === 2) {
      let s = 0;
      for (let j = 0; j < dim; j++) {
        const d = data[oa + j]! - data[ob + j]!;
        s += d * d;
      }
      return s;
    }
    let s0 = 0;
    let s1 = 0;
    let j = 0;
    for (; j + 1 < dim; j += 2) {
      s0 += data[oa + j]! * data[ob + j]!;
      s1 += data[oa + j + 1]! * data[ob + j + 1]!;
    }
    for (; j < dim; j++) s0 += data[oa + j]! * data[ob + j]!;
    const dot = s0 + s1;
    return this.#metric === 0 ? 1 - dot * this.#invNorms![a]! * this.#invNorms![b]! : -dot;
  }

  /**
   * SIMD path: distances from row `of` (or, with -1, the query set in the kernel, with `qInv` / `qSq`)
   * to the n rows listed in `this.#k.ids`; the first n values of the returned view.
   */
  #gather(n: number, of: number, qInv: number, qSq: number): Float32Array {
    const k = this.#k!;
    this.#distances += n;
    const out = k.dotsAt(n, of);
    const ids = k.ids;
    if (this.#metric === 0) {
      const inv = this.#invNorms!;
      const a = of < 0 ? qInv : inv[of]!;
      for (let t = 0; t < n; t++) out[t] = 1 - out[t]! * a * inv[ids[t]!]!;
    } else if (this.#metric === 1) {
      for (let t = 0; t < n; t++) out[t] = -out[t]!;
    } else {
      const sq = this.#sqNorms!;
      const a = of < 0 ? qSq : sq[of]!;
      for (let t = 0; t < n; t++) out[t] = Math.max(0, a + sq[ids[t]!]! - 2 * out[t]!);
    }
    return out;
  }

  #row(i: number): Float32Array {
    return this.#set.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  #invNorm(i: number): number {
    return this.#metric === 0 ? this.#invNorms![i]! : 1;
  }

  #toScore(d: number): number {
    return this.#metric === 0 ? 1 - d : this.#metric === 1 ? -d : Math.sqrt(Math.max(0, d));
  }

  // ---- adjacency ----

  /** The array holding the lists of `level`. */
  #arr(level: number): Int32Array {
    return level === 0 ? this.#level0 : this.#upper;
  }

  /** Offset of node i's list at `level` in `#arr(level)`: the count, then the ids. */
  #off(i: number, level: number): number {
    return level === 0 ? i * (this.#m0 + 1) : this.#upperOffsets[i]! + (level - 1) * (this.#m + 1);
  }

  #allocUpper(i: number, level: number): void {
    if (level === 0) return;
    const need = level * (this.#m + 1);
    if (this.#upperUsed + need > this.#upper.length) {
      const next = new Int32Array(Math.max(this.#upper.length * 2, this.#upperUsed + need));
      next.set(this.#upper);
      this.#upper = next;
    }
    this.#upperOffsets[i] = this.#upperUsed;
    this.#upper.fill(0, this.#upperUsed, this.#upperUsed + need);
    this.#upperUsed += need;
  }

  #randomLevel(): number {
    const u = 1 - this.#random();
    return Math.min(MAX_LEVEL, Math.floor(-Math.log(u) * this.#mL));
  }

  // ---- search within one layer (Algorithm 2) ----

  #nextTag(): number {
    if (++this.#visitTag === 0xffffffff) {
      this.#visited.fill(0);
      this.#visitTag = 1;
    }
    return this.#visitTag;
  }

  /** Greedy walk to the closest node at `level` (ef = 1). */
  #greedy(q: Float32Array, qInv: number, ep: number, epDist: number, level: number): [number, number] {
    let cur = ep;
    let curDist = epDist;
    for (let changed = true; changed; ) {
      changed = false;
      const arr = this.#arr(level);
      const off = this.#off(cur, level);
      const n = arr[off]!;
      const k = this.#k;
      let ds: Float32Array | null = null;
      if (k) {
        for (let t = 1; t <= n; t++) k.ids[t - 1] = arr[off + t]!;
        ds = this.#gather(n, this.#qRow, qInv, this.#qSq);
      }
      for (let t = 1; t <= n; t++) {
        const c = arr[off + t]!;
        const d = ds ? ds[t - 1]! : this.#distToRow(q, qInv, c);
        if (d < curDist || (d === curDist && c < cur)) {
          curDist = d;
          cur = c;
          changed = true;
        }
      }
    }
    return [cur, curDist];
  }

  /**
   * The `ef` closest nodes found from `ep` at `level`, left in `this.#results` as a max-heap
   * (key = -distance). With `allow`, only allowed nodes enter the results; all are walked.
   */
  #searchLayer(q: Float32Array, qInv: number, ep: number, epDist: number, ef: number, level: number, allow: Uint8Array | null): void {
    const tag = this.#nextTag();
    const visited = this.#visited;
    const cand = this.#candidates;
    const res = this.#results;
    cand.clear();
    res.clear();
    visited[ep] = tag;
    cand.push(ep, epDist);
    if (!allow || allow[ep] === 1) res.push(ep, -epDist);
    while (cand.size > 0) {
      const c = cand.topId;
      const cd = cand.topKey;
      if (res.size >= ef && cd > -res.topKey) break;
      cand.pop();
      const arr = this.#arr(level);
      const off = this.#off(c, level);
      const n = arr[off]!;
      const k = this.#k;
      if (k) {
        // SIMD path: the unvisited neighbours in one kernel call, then the same updates in order
        const ids = k.ids;
        let m = 0;
        for (let t = 1; t <= n; t++) {
          const e = arr[off + t]!;
          if (visited[e] === tag) continue;
          visited[e] = tag;
          ids[m++] = e;
        }
        if (m === 0) continue;
        const ds = this.#gather(m, this.#qRow, qInv, this.#qSq);
        for (let u = 0; u < m; u++) {
          const e = ids[u]!;
          const d = ds[u]!;
          if (res.size < ef || d < -res.topKey) {
            cand.push(e, d);
            if (!allow || allow[e] === 1) {
              res.push(e, -d);
              if (res.size > ef) res.pop();
            }
          }
        }
        continue;
      }
      for (let t = 1; t <= n; t++) {
        const e = arr[off + t]!;
        if (visited[e] === tag) continue;
        visited[e] = tag;
        const d = this.#distToRow(q, qInv, e);
        if (res.size < ef || d < -res.topKey) {
          cand.push(e, d);
          if (!allow || allow[e] === 1) {
            res.push(e, -d);
            if (res.size > ef) res.pop();
          }
        }
      }
    }
  }

  /** The results heap drained into (id, distance) pairs, closest first. */
  #drainResults(): { ids: number[]; dists: number[] } {
    const res = this.#results;
    const ids: number[] = new Array(res.size);
    const dists: number[] = new Array(res.size);
    for (let i = res.size - 1; i >= 0; i--) {
      ids[i] = res.topId;
      dists[i] = -res.topKey;
      res.pop();
    }
    return { ids, dists };
  }

  // ---- neighbour selection (Algorithm 4, hnswlib's getNeighborsByHeuristic2) ----

  /** From candidates sorted by distance to the base, keeps those closer to the base than to any kept one. */
  #selectHeuristic(ids: number[], dists: number[], m: number): number[] {
    if (ids.length <= m) return ids;
    const kept: number[] = [];
    const k = this.#k;
    for (let i = 0; i < ids.length && kept.length < m; i++) {
      const c = ids[i]!;
      let good = true;
      if (k) {
        for (let t = 0; t < kept.length; t++) k.ids[t] = kept[t]!;
        const ds = this.#gather(kept.length, c, 0, 0);
        for (let t = 0; t < kept.length; t++) {
          if (ds[t]! < dists[i]!) {
            good = false;
            break;
          }
        }
      } else {
        for (const r of kept) {
          if (this.#distRows(c, r) < dists[i]!) {
            good = false;
            break;
          }
        }
      }
      if (good) kept.push(c);
    }
    return kept;
  }

  #connect(base: number, level: number, neighbours: number[]): void {
    const arr = this.#arr(level);
    const off = this.#off(base, level);
    arr[off] = neighbours.length;
    for (let t = 0; t < neighbours.length; t++) arr[off + 1 + t] = neighbours[t]!;
  }

  /** Adds `q` to `e`'s list at `level`, shrinking the list with the heuristic when it is full. */
  #link(e: number, q: number, level: number): void {
    const arr = this.#arr(level);
    const off = this.#off(e, level);
    const cap = level === 0 ? this.#m0 : this.#m;
    const n = arr[off]!;
    if (n < cap) {
      arr[off + 1 + n] = q;
      arr[off] = n + 1;
      return;
    }
    const pairs: { id: number; d: number }[] = [];
    const k = this.#k;
    if (k) {
      k.ids[0] = q;
      for (let t = 1; t <= n; t++) k.ids[t] = arr[off + t]!;
      const ds = this.#gather(n + 1, e, 0, 0);
      for (let t = 0; t <= n; t++) pairs.push({ id: k.ids[t]!, d: ds[t]! });
    } else {
      pairs.push({ id: q, d: this.#distRows(e, q) });
      for (let t = 1; t <= n; t++) {
        const id = arr[off + t]!;
        pairs.push({ id, d: this.#distRows(e, id) });
      }
    }
    pairs.sort((a, b) => a.d - b.d || a.id - b.id);
    const kept = this.#selectHeuristic(
      pairs.map((p) => p.id),
      pairs.map((p) => p.d),
      cap,
    );
    this.#connect(e, level, kept);
  }

  // ---- insertion (Algorithm 1) ----

  #insert(i: number): void {
    const level = this.#randomLevel();
    this.#levels[i] = level;
    this.#allocUpper(i, level);
    if (this.#entry === -1) {
      this.#entry = i;
      this.#maxLevel = level;
      return;
    }
    const q = this.#row(i);
    const qInv = this.#invNorm(i);
    this.#qRow = i;
    this.#qSq = this.#sqNorms ? this.#sqNorms[i]! : 0;
    let ep = this.#entry;
    let epDist = this.#distToRow(q, qInv, ep);
    for (let l = this.#maxLevel; l > level; l--) [ep, epDist] = this.#greedy(q, qInv, ep, epDist, l);
    for (let l = Math.min(level, this.#maxLevel); l >= 0; l--) {
      this.#searchLayer(q, qInv, ep, epDist, this.params.efConstruction, l, null);
      const { ids, dists } = this.#drainResults();
      const chosen = this.#selectHeuristic(ids, dists, this.#m);
      this.#connect(i, l, chosen);
      for (const e of chosen) this.#link(e, i, l);
      ep = ids[0]!;
      epDist = dists[0]!;
    }
    if (level > this.#maxLevel) {
      this.#maxLevel = level;
      this.#entry = i;
    }
  }

  // ---- query (Algorithm 5) ----

  /**
   * The `k` nearest indexed rows to `query`, exploring `ef` (≥ k) candidates on layer 0.
   * Scores as in `exactSearch`: cosine similarity, dot product, or Euclidean distance.
   */
  search(query: Float32Array, k: number, ef: number, allow: Uint8Array | null = null): HnswSearchResult {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} dimensions, the index ${this.dim}`);
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    if (!Number.isInteger(ef) || ef < 1) throw new RangeError(`ef must be a positive integer, got ${ef}`);
    if (allow && allow.length < this.#count) throw new RangeError(`filter has ${allow.length} entries for ${this.#count} rows`);
    this.#distances = 0;
    if (this.#entry === -1) return { hits: [], distanceCount: 0 };
    let qq = 0;
    for (let j = 0; j < query.length; j++) qq += query[j]! * query[j]!;
    const qInv = this.#metric === 0 && qq > 0 ? 1 / Math.sqrt(qq) : this.#metric === 0 ? 0 : 1;
    this.#qRow = -1;
    this.#qSq = qq;
    this.#k?.setQuery(query);
    let ep = this.#entry;
    let epDist = this.#distToRow(query, qInv, ep);
    for (let l = this.#maxLevel; l > 0; l--) [ep, epDist] = this.#greedy(query, qInv, ep, epDist, l);
    this.#searchLayer(query, qInv, ep, epDist, Math.max(ef, k), 0, allow);
    const { ids, dists } = this.#drainResults();
    const hits: Hit[] = [];
    for (let t = 0; t < Math.min(k, ids.length); t++) hits.push({ index: ids[t]!, score: this.#toScore(dists[t]!) });
    return { hits, distanceCount: this.#distances };
  }

  // ---- persistence ----

  toGraph(): HnswGraph {
    const n = this.#count;
    return {
      format: 'hnsw-v1',
      params: { ...this.params },
      dim: this.dim,
      count: n,
      entry: this.#entry,
      maxLevel: this.#maxLevel,
      levels: this.#levels.slice(0, n),
      level0: this.#level0.slice(0, n * (this.#m0 + 1)),
      upperOffsets: this.#upperOffsets.slice(0, n),
      upper: this.#upper.slice(0, this.#upperUsed),
    };
  }

  /** Rebuilds an index from a persisted graph over `set`; throws `RangeError` when the graph is inconsistent. */
  static fromGraph(graph: HnswGraph, set: VectorSet, opts: Omit<HnswOptions, 'random'> = {}): HnswIndex {
    checkGraph(graph, set);
    const index = new HnswIndex(set, graph.params, opts);
    const n = graph.count;
    index.#levels.set(graph.levels);
    index.#level0.set(graph.level0);
    index.#upperOffsets.set(graph.upperOffsets);
    index.#upper = Int32Array.from(graph.upper);
    index.#upperUsed = graph.upper.length;
    index.#count = n;
    index.#entry = graph.entry;
    index.#maxLevel = graph.maxLevel;
    // Continue the level sequence where the build left off, so extending gives the same graph as building at once.
    for (let i = 0; i < n; i++) index.#random();
    return index;
  }
}
