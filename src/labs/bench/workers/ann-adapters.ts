/**
 * The vector indexes the benchmark compares, behind one small interface: the vector lab's own HNSW
 * (ours) and the peers (hnswlib-wasm, Voy, Orama). Peers are devDependencies used only here.
 */
import { HnswIndex } from '../../vector-search/search/hnsw';
import { normalized, type VectorSet } from '../../vector-search/search/vector-set';

export interface AnnParams {
  M: number;
  efConstruction: number;
  seed: number;
}

export interface AnnIndex {
  /** Sets the search breadth (HNSW's `ef`); exact indexes ignore it. */
  setEf(ef: number): void;
  /** Ids of the k nearest rows (Orama answers through a promise). */
  search(query: Float32Array, k: number): number[] | Promise<number[]>;
  /** Bytes the index itself holds (beyond the vectors), when it can be known; null otherwise. */
  memoryBytes(): number | null;
  free(): void;
}

export interface AnnAdapter {
  id: 'ours-hnsw' | 'hnswlib-wasm' | 'voy' | 'orama';
  label: string;
  /** Whether `setEf` changes anything (a sweep is worth running). */
  tunable: boolean;
  build(set: VectorSet, params: AnnParams): Promise<AnnIndex>;
}

const rowOf = (set: VectorSet, i: number) => set.data.subarray(i * set.dim, (i + 1) * set.dim);

export const oursHnsw: AnnAdapter = {
  id: 'ours-hnsw',
  label: 'vector lab HNSW (TypeScript graph in typed arrays, distances in WebAssembly SIMD)',
  tunable: true,
  async build(set, p) {
    const index = new HnswIndex(set, { M: p.M, efConstruction: p.efConstruction, metric: 'cosine', seed: p.seed });
    index.addUpTo(set.count);
    let ef = 64;
    return {
      setEf: (e) => (ef = e),
      search: (q, k) => index.search(q, k, Math.max(ef, k)).hits.map((h) => h.index),
      // The graph arrays plus the vectors it searches (the collection's own, where the peers keep a copy of them)
      memoryBytes: () => {
        const g = index.toGraph();
        return g.levels.byteLength + g.level0.byteLength + g.upperOffsets.byteLength + g.upper.byteLength + set.count * set.dim * 4;
      },
      free: () => undefined,
    };
  },
};

interface HnswlibModule {
  HEAPU8: Uint8Array;
  HierarchicalNSW: new (space: string, dim: number, autoSaveFile: string) => {
    initIndex(max: number, m: number, efConstruction: number, seed: number): void;
    addPoint(point: Float32Array, label: number, replaceDeleted: boolean): void;
    setEfSearch(ef: number): void;
    searchKnn(q: Float32Array, k: number, filter: undefined): { neighbors: number[] };
    delete?(): void;
  };
}

export const hnswlibWasm: AnnAdapter = {
  id: 'hnswlib-wasm',
  label: 'hnswlib-wasm (hnswlib C++ in WebAssembly)',
  tunable: true,
  async build(set, p) {
    const { loadHnswlib } = (await import('hnswlib-wasm/dist/hnswlib.js')) as unknown as { loadHnswlib: () => Promise<HnswlibModule> };
    const lib = await loadHnswlib();
    const heapBefore = lib.HEAPU8.byteLength;
    const index = new lib.HierarchicalNSW('cosine', set.dim, '');
    index.initIndex(set.count, p.M, p.efConstruction, p.seed);
    for (let i = 0; i < set.count; i++) index.addPoint(rowOf(set, i), i, false);
    const heapAfter = lib.HEAPU8.byteLength;
    return {
      setEf: (ef) => index.setEfSearch(ef),
      search: (q, k) => index.searchKnn(q, k, undefined).neighbors,
      // The WebAssembly heap grows in pages and also holds hnswlib's own copy of the vectors.
      // 0 when the index fitted in the heap it started with: then nothing can be told
      memoryBytes: () => (heapAfter > heapBefore ? heapAfter - heapBefore : null),
      free: () => index.delete?.(),
    };
  },
};

interface VoyModule {
  /** The module's WebAssembly memory (set when it is instantiated here). */
  memory: WebAssembly.Memory;
  Voy: new (resource: { embeddings: { id: string; title: string; url: string; embeddings: number[] }[] }) => {
    search(q: Float32Array, k: number): { neighbors: { id: string }[] };
    free(): void;
  };
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
}

let voyModule: Promise<VoyModule> | null = null;

/** Voy ships wasm-bindgen's bundler output (`import * as wasm from "….wasm"`); it is instantiated by hand here. */
function loadVoy(): Promise<VoyModule> {
  voyModule ??= (async () => {
    const [bg, { default: wasmUrl }] = await Promise.all([import('voy-search/voy_search_bg.js'), import('voy-search/voy_search_bg.wasm?url')]);
    const { instance } = await WebAssembly.instantiateStreaming(fetch(wasmUrl), { './voy_search_bg.js': bg as unknown as WebAssembly.ModuleImports });
    (bg as unknown as VoyModule).__wbg_set_wasm(instance.exports);
    return { ...(bg as unknown as VoyModule), memory: instance.exports.memory as WebAssembly.Memory };
  })();
  return voyModule;
}

export const voy: AnnAdapter = {
  id: 'voy',
  label: 'Voy (Rust k-d tree in WebAssembly)',
  tunable: false,
  async build(set) {
    const { Voy, memory } = await loadVoy();
    // Voy ranks by Euclidean distance: on unit vectors that is the cosine order the others are asked for
    const embeddings = Array.from({ length: set.count }, (_, i) => ({ id: String(i), title: '', url: '', embeddings: Array.from(normalized(rowOf(set, i))) }));
    const heapBefore = memory.buffer.byteLength;
    const index = new Voy({ embeddings });
    const heapAfter = memory.buffer.byteLength;
    return {
      setEf: () => undefined,
      search: (q, k) => index.search(normalized(q), k).neighbors.map((n) => Number(n.id)),
      // As for hnswlib: the growth of its WebAssembly memory (the tree and its own copy of the vectors)
      memoryBytes: () => (heapAfter > heapBefore ? heapAfter - heapBefore : null),
      free: () => index.free(),
    };
  },
};

export const orama: AnnAdapter = {
  id: 'orama',
  label: 'Orama (vector search in JavaScript)',
  tunable: false,
  async build(set) {
    const { create, insertMultiple, search } = await import('@orama/orama');
    const db = create({ schema: { embedding: `vector[${set.dim}]` } as const });
    const docs = Array.from({ length: set.count }, (_, i) => ({ id: String(i), embedding: Array.from(rowOf(set, i)) }));
    await insertMultiple(db, docs, 1000);
    return {
      setEf: () => undefined,
      search: async (q, k) => {
        // similarity −1 keeps every document (Orama's default drops cosine below 0.8)
        const r = (await search(db, { mode: 'vector', vector: { value: Array.from(q), property: 'embedding' }, similarity: -1, limit: k, includeVectors: false })) as { hits: { id: string }[] };
        return r.hits.map((h) => Number(h.id));
      },
      memoryBytes: () => null,
      free: () => undefined,
    };
  },
};

export const ADAPTERS: readonly AnnAdapter[] = [oursHnsw, hnswlibWasm, voy, orama];
