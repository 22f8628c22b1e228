/**
 * Measurable functions for the benchmark suite (`npm run bench` wires them in; `tools/measure-perf.mjs`
 * runs them once in headless Chromium): exact search, HNSW build and search (with recall against exact),
 * loading a collection from IndexedDB, and drawing the map. Data: synthetic unit vectors drawn around `clusters` random
 * centres — closer to real sentence embeddings (which cluster by topic) than uniform noise, which is
 * the worst case for any graph index.
 */
import { zoomIdentity } from 'd3';
import { drawMap } from '../map/map-draw';
import { fitScales, nearestInDirection, pointsByCategory } from '../map/map-geometry';
import { exactSearch } from '../search/exact-search';
import { HnswIndex } from '../search/hnsw';
import type { HnswParams } from '../search/hnsw-graph';
import { gaussian, mulberry32 } from '../search/rng';
import type { DotScanner } from '../search/simd-dot';
import { rowNorms, vectorSet, type VectorSet } from '../search/vector-set';
import type { CollectionRecord } from '../store/collection-record';
import { openVectorsDB, VectorStore } from '../store/vector-db';

/** `n` unit vectors around `clusters` centres drawn from `centreSeed`; `sampleSeed` draws the points (queries use another one). */
export function clusteredVectors(n: number, dim: number, clusters: number, centreSeed: number, sampleSeed = centreSeed + 1, spread = 0.6): VectorSet {
  const gc = gaussian(mulberry32(centreSeed));
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dim }, gc));
  const g = gaussian(mulberry32(sampleSeed));
  const data = new Float32Array(n * dim);
  const pick = mulberry32(sampleSeed + 7919);
  for (let i = 0; i < n; i++) {
    const c = centres[Math.floor(pick() * clusters)]!;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = c[j]! + spread * g();
      data[i * dim + j] = v;
      norm += v * v;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < dim; j++) data[i * dim + j]! *= inv;
  }
  return vectorSet(data, dim);
}

export interface Timing {
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

function timing(times: number[]): Timing {
  const s = [...times].sort((a, b) => a - b);
  return { meanMs: s.reduce((a, b) => a + b, 0) / s.length, p50Ms: s[Math.floor(s.length / 2)]!, p95Ms: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
}

/** Exact cosine top-k per query, in JavaScript or (with `scanner`, holding the same vectors) WebAssembly SIMD. */
export function measureExactSearch(set: VectorSet, queries: VectorSet, k = 10, now = () => performance.now(), scanner: DotScanner | null = null): Timing {
  const norms = rowNorms(set);
  exactSearch(set, queries.data.subarray(0, set.dim), k, 'cosine', { norms, scanner });
  const times: number[] = [];
  for (let q = 0; q < queries.count; q++) {
    const t0 = now();
    exactSearch(set, queries.data.subarray(q * set.dim, (q + 1) * set.dim), k, 'cosine', { norms, scanner });
    times.push(now() - t0);
  }
  return timing(times);
}

export function measureHnswBuild(set: VectorSet, params: HnswParams, now = () => performance.now(), onProgress?: (done: number) => void): { index: HnswIndex; buildMs: number } {
  const t0 = now();
  const index = new HnswIndex(set, params);
  for (let done = 0; done < set.count; ) {
    done = Math.min(set.count, done + 5000);
    index.addUpTo(done);
    onProgress?.(done);
  }
  return { index, buildMs: now() - t0 };
}

export function measureHnswSearch(index: HnswIndex, set: VectorSet, queries: VectorSet, ef: number, k = 10, now = () => performance.now()): Timing & { recall: number } {
  const norms = rowNorms(set);
  const times: number[] = [];
  let found = 0;
  for (let q = 0; q < queries.count; q++) {
    const v = queries.data.subarray(q * set.dim, (q + 1) * set.dim);
    const truth = new Set(exactSearch(set, v, k, 'cosine', { norms }).map((h) => h.index));
    const t0 = now();
    const hits = index.search(v, k, ef).hits;
    times.push(now() - t0);
    found += hits.filter((h) => truth.has(h.index)).length;
  }
  return { ...timing(times), recall: found / (k * queries.count) };
}

/**
 * Stores the vectors `makeSet()` returns as a collection in a fresh database `name`, lets go of them,
 * then times `loadVectors`. With `memory` (e.g. `performance.measureUserAgentSpecificMemory`), also
 * reports the memory the loaded vectors hold: measured before the load and again while holding them.
 */
export async function measureIdbLoad(
  makeSet: () => VectorSet,
  name: string,
  opts: { now?: () => number; memory?: () => Promise<number | null> } = {},
): Promise<{ loadMs: number; writeMs: number; bytes: number; memoryBefore: number | null; memoryAfter: number | null }> {
  const now = opts.now ?? (() => performance.now());
  const memory = opts.memory ?? (async () => null);
  const store = new VectorStore(openVectorsDB(name));
  let set: VectorSet | null = makeSet();
  const { count, dim } = set;
  const record: CollectionRecord = {
    id: 'perf', name: 'perf', createdAt: 0, updatedAt: 0,
    model: { ref: 'shipped:perf', dim, pooling: 'mean', normalize: true, maxLength: 256, dtype: 'fp32' },
    chunking: { mode: 'document', sentencesPerChunk: 3, windowTokens: 128, overlapTokens: 32 },
    origin: { kind: 'files', files: [] }, docCount: count, chunkCount: count, embedded: 0, blockSize: 256,
    sources: ['perf'], fieldNames: [], duplicates: 0, hasJudgments: false, index: null,
  };
  const chunks = Array.from({ length: count }, (_, i) => ({ doc: `d${i}`, text: `chunk ${i}`, source: 'perf' }));
  const t0 = now();
  await store.createCollection({ record, chunks });
  for (let start = 0; start < count; start += 8192) {
    await store.appendVectors('perf', start, set.data.subarray(start * dim, Math.min(count, start + 8192) * dim));
  }
  const writeMs = now() - t0;
  set = null;
  const memoryBefore = await memory();
  const t1 = now();
  const { vectors } = await store.loadVectors('perf');
  const loadMs = now() - t1;
  const memoryAfter = await memory();
  const bytes = vectors.byteLength;
  await store.close();
  return { loadMs, writeMs, bytes, memoryBefore, memoryAfter };
}

/** `n` map points (2-D) around `clusters` centres, with a category code per point (its cluster, mod 10). */
export function mapPoints(n: number, clusters: number, seed: number): { coords: Float32Array; codes: Uint16Array } {
  const g = gaussian(mulberry32(seed));
  const centres = Array.from({ length: clusters }, () => [10 * g(), 10 * g()] as const);
  const pick = mulberry32(seed + 1);
  const coords = new Float32Array(2 * n);
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(pick() * clusters);
    coords[2 * i] = centres[c]![0] + g();
    coords[2 * i + 1] = centres[c]![1] + g();
    codes[i] = c % 10;
  }
  return { coords, codes };
}

/**
 * Frames of the collection map as a learner zooms and pans: `frames` draws of `n` points (10 colours,
 * a query with 10 neighbour lines, a hovered point) on `ctx` (`width × height`, one pixel per unit),
 * each ended by `flush` (reading a pixel back, so the drawing is done, not only queued); and the
 * time of one keyboard step (`nearestInDirection` over every point).
 */
export function measureMapDraw(
  ctx: CanvasRenderingContext2D,
  n: number,
  opts: { frames?: number; width?: number; height?: number; now?: () => number; flush?: () => void } = {},
): Timing & { keyStepMs: number } {
  const { frames = 30, width = 640, height = 480, now = () => performance.now(), flush = () => void ctx.getImageData(0, 0, 1, 1) } = opts;
  const { coords, codes } = mapPoints(n, 40, 7);
  const scales = fitScales(coords, width, height);
  const groups = pointsByCategory(codes, n);
  const colours = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab'];
  const drawing = { coords, groups, colours, neighbours: Array.from({ length: 10 }, (_, i) => i), query: [0, 0] as [number, number], hovered: 0, theme: { fg: '#000', accent: '#b8612a', bg: '#fff' } };
  const times: number[] = [];
  for (let f = 0; f <= frames; f++) {
    const t = zoomIdentity.translate(-3 * f, 2 * f).scale(1 + 0.05 * f);
    const t0 = now();
    drawMap(ctx, drawing, scales, t, width, height, 1);
    flush();
    if (f > 0) times.push(now() - t0);
  }
  const steps = 20;
  const t0 = now();
  for (let k = 0, at = 0; k < steps; k++) at = nearestInDirection(coords, at, k % 2 === 0 ? 1 : -1, 0.5) ?? at;
  return { ...timing(times), keyStepMs: (now() - t0) / steps };
}
