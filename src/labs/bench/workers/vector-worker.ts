/// <reference lib="webworker" />
/**
 * The vector-search benchmarks, off the page's thread: a collection (random normal or given
 * vectors), its exact top-k as ground truth, the lab's exact scan against a naive loop, and each
 * index's build time, memory and QPS at the smallest `ef` reaching the target recall.
 */
import { recallAtK, firstReaching, type EfPoint } from '../core/recall';
import { exactSearch } from '../../vector-search/search/exact-search';
import { DotScanner } from '../../vector-search/search/simd-dot';
import { gaussian, mulberry32 } from '../../vector-search/search/rng';
import { rowNorms, vectorSet, type VectorSet } from '../../vector-search/search/vector-set';
import { ADAPTERS, type AnnParams } from './ann-adapters';
import { serve } from './rpc';

declare const self: DedicatedWorkerGlobalScope;

interface Loaded {
  set: VectorSet;
  norms: Float32Array;
  /** The vector lab's WebAssembly SIMD scanner holding a copy of the vectors, as the lab loads a collection (null without SIMD). */
  scanner: DotScanner | null;
  queries: Float32Array[];
  truth: number[][] | null;
}

let current: Loaded | null = null;

function need(): Loaded {
  if (!current) throw new Error('no collection loaded');
  return current;
}

function randomNormal(count: number, dim: number, seed: number): Float32Array {
  const next = gaussian(mulberry32(seed));
  const out = new Float32Array(count * dim);
  for (let i = 0; i < out.length; i++) out[i] = next();
  return out;
}

function load(data: Float32Array, dim: number, queries: Float32Array): { count: number; simd: boolean } {
  const set = vectorSet(data, dim);
  const q = Array.from({ length: queries.length / dim }, (_, i) => queries.subarray(i * dim, (i + 1) * dim));
  current = null; // the last collection (and its scanner's memory) can go before the next is allocated
  const scanner = DotScanner.create(set.count, dim);
  scanner?.vectors.set(data);
  current = { set, norms: rowNorms(set), scanner, queries: q, truth: null };
  return { count: set.count, simd: scanner !== null };
}

/** Times `fn` over every query; returns milliseconds per pass. */
async function timeQueries(queries: Float32Array[], fn: (q: Float32Array) => unknown, reps: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (const q of queries) {
      const x = fn(q);
      if (x instanceof Promise) await x;
    }
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Times the exact scan over every query; the first scan fixes the ground truth (JavaScript scan), recall is against it. */
async function scan(c: Loaded, scanner: DotScanner | null, k: number, reps: number): Promise<{ samples: number[]; queries: number; recall: number }> {
  const search = (q: Float32Array) => exactSearch(c.set, q, k, 'cosine', { norms: c.norms, scanner });
  c.truth ??= c.queries.map((q) => exactSearch(c.set, q, k, 'cosine', { norms: c.norms }).map((h) => h.index));
  // The JavaScript scan is the ground truth itself
  const recall = scanner ? recallAtK(c.queries.map((q) => search(q).map((h) => h.index)), c.truth, k) : 1;
  return { samples: await timeQueries(c.queries, search, reps), queries: c.queries.length, recall };
}

const handlers = {
  random: (a: { count: number; dim: number; queries: number; seed: number }) =>
    load(randomNormal(a.count, a.dim, a.seed), a.dim, randomNormal(a.queries, a.dim, a.seed + 1)),
  given: (a: { data: Float32Array; dim: number; queries: Float32Array }) => load(a.data, a.dim, a.queries),

  /** The vector lab's exact scan in JavaScript (contiguous Float32Array, size-k heap), its fallback without SIMD. */
  exact: (a: { k: number; reps: number }) => scan(need(), null, a.k, a.reps),

  /** The same scan with its dot products in WebAssembly SIMD, as the lab runs it; null where SIMD is unavailable. */
  exactSimd: (a: { k: number; reps: number }) => {
    const c = need();
    return c.scanner ? scan(c, c.scanner, a.k, a.reps) : null;
  },

  /** The naive peer: arrays of arrays, every score into an array, a full sort. */
  naive: async (a: { k: number; reps: number; limit: number }) => {
    const c = need();
    const queries = c.queries.slice(0, a.limit);
    const { dim, count, data } = c.set;
    const rows: number[][] = Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
    const search = (q: Float32Array) => {
      const qa = Array.from(q);
      const qn = Math.sqrt(qa.reduce((s, x) => s + x * x, 0));
      const scored = rows.map((row, index) => {
        let dot = 0;
        let n = 0;
        for (let j = 0; j < row.length; j++) {
          dot += row[j]! * qa[j]!;
          n += row[j]! * row[j]!;
        }
        return { index, score: dot / (Math.sqrt(n) * qn || 1) };
      });
      scored.sort((x, y) => y.score - x.score);
      return scored.slice(0, a.k).map((s) => s.index);
    };
    const recall = c.truth ? recallAtK(queries.map(search), c.truth.slice(0, queries.length), a.k) : null;
    return { samples: await timeQueries(queries, search, a.reps), queries: queries.length, recall };
  },

  /** Builds one index (`buildReps` times, keeping the last), sweeps `efs`, then times the query set at the first ef reaching `target`. */
  ann: async (a: { adapter: string; params: AnnParams; efs: number[]; k: number; reps: number; buildReps: number; target: number }, progress: (m: string) => void) => {
    const c = need();
    if (!c.truth) throw new Error('run "exact" first: it fixes the ground truth');
    const adapter = ADAPTERS.find((x) => x.id === a.adapter);
    if (!adapter) throw new Error(`unknown index ${a.adapter}`);
    const buildMs: number[] = [];
    let index = null;
    // A WebAssembly heap only grows, and a rebuild reuses what the last index freed: its growth shows at the first build
    let memoryBytes: number | null = null;
    for (let r = 0; r < a.buildReps; r++) {
      index?.free();
      progress(`${adapter.id}: building ${r + 1}/${a.buildReps}`);
      const t0 = performance.now();
      // Ours searches the vectors where the lab keeps them, in the SIMD scanner's memory (no copy); the peers copy them in
      index = await adapter.build(adapter.id === 'ours-hnsw' && c.scanner ? vectorSet(c.scanner.vectors, c.set.dim) : c.set, a.params);
      buildMs.push(performance.now() - t0);
      const bytes = index.memoryBytes();
      if (bytes !== null) memoryBytes = Math.max(memoryBytes ?? 0, bytes);
    }
    const idx = index!;
    const sweep: EfPoint[] = [];
    for (const ef of adapter.tunable ? a.efs : [a.k]) {
      idx.setEf(ef);
      const found: number[][] = [];
      for (const q of c.queries) found.push(await idx.search(q, a.k));
      sweep.push({ ef, recall: recallAtK(found, c.truth, a.k) });
      if (sweep.at(-1)!.recall >= a.target) break;
    }
    const chosen = firstReaching(sweep, a.target) ?? sweep.at(-1)!;
    idx.setEf(chosen.ef);
    progress(`${adapter.id}: timing queries at ef ${chosen.ef}`);
    const samples = await timeQueries(c.queries, (q) => idx.search(q, a.k), a.reps);
    idx.free();
    return { buildMs, sweep, chosen, reached: chosen.recall >= a.target, samples, queries: c.queries.length, memoryBytes };
  },

  /** The collection's vectors (to store them, in the IndexedDB benchmark). */
  vectors: () => need().set.data.slice(),
};

export type VectorHandlers = typeof handlers;

serve(self, handlers, (r) => (r instanceof Float32Array ? [r.buffer as ArrayBuffer] : []));
