/**
 * UMAP (McInnes, Healy & Melville 2018) through `umap-js`, stepped epoch by epoch so a worker can
 * report progress, yield and stop. Large collections are laid out on an evenly spaced sample of at
 * most `maxPoints` rows (UMAP's neighbour search grows faster than linearly); the rows kept are
 * returned with the coordinates. A query is placed with UMAP's own `transform`.
 */
import { UMAP } from 'umap-js';
import { sampleRows } from './pca';
import { mulberry32 } from '../search/rng';
import type { VectorSet } from '../search/vector-set';

export interface UmapOptions {
  nNeighbors?: number;
  minDist?: number;
  maxPoints?: number;
  seed?: number;
  nEpochs?: number;
}

export interface UmapLayout {
  /** `rows.length × 2`. */
  coords: Float32Array;
  /** Collection rows laid out (all of them, or the sample). */
  rows: Int32Array;
  epochs: number;
}

export const DEFAULT_UMAP: Required<UmapOptions> = { nNeighbors: 15, minDist: 0.1, maxPoints: 10_000, seed: 42, nEpochs: 0 };

export class UmapRun {
  readonly rows: Int32Array;
  readonly #umap: UMAP;
  readonly #data: number[][];
  #epochs = 0;

  constructor(set: VectorSet, opts: UmapOptions = {}) {
    const o = { ...DEFAULT_UMAP, ...opts };
    const rows = sampleRows(set.count, o.maxPoints);
    if (rows.length <= o.nNeighbors) throw new RangeError(`UMAP needs more than ${o.nNeighbors} vectors, got ${rows.length}`);
    this.rows = Int32Array.from(rows);
    this.#data = rows.map((r) => Array.from(set.data.subarray(r * set.dim, (r + 1) * set.dim)));
    this.#umap = new UMAP({
      nComponents: 2,
      nNeighbors: o.nNeighbors,
      minDist: o.minDist,
      random: mulberry32(o.seed),
      // umap-js's transform runs nEpochs / 3 epochs and loops until it reaches exactly that count:
      // an nEpochs not divisible by 3 would never finish, so it is rounded up to a multiple of 3.
      ...(o.nEpochs > 0 ? { nEpochs: Math.ceil(o.nEpochs / 3) * 3 } : {}),
    });
  }

  /** Builds the neighbour graph (the slow, unsteppable part); returns the number of epochs to run. */
  initialize(): number {
    this.#epochs = this.#umap.initializeFit(this.#data);
    return this.#epochs;
  }

  /** Runs `n` optimisation epochs; returns the epochs done so far. */
  step(n: number): number {
    let done = 0;
    for (let i = 0; i < n; i++) done = this.#umap.step();
    return done;
  }

  get epochs(): number {
    return this.#epochs;
  }

  layout(): UmapLayout {
    const emb = this.#umap.getEmbedding();
    const coords = new Float32Array(emb.length * 2);
    emb.forEach(([x, y], i) => {
      coords[2 * i] = x!;
      coords[2 * i + 1] = y!;
    });
    return { coords, rows: this.rows, epochs: this.#epochs };
  }

  /** A new vector's position, by UMAP's transform against the fitted data. */
  transform(vector: Float32Array): [number, number] {
    const [p] = this.#umap.transform([Array.from(vector)]);
    return [p![0]!, p![1]!];
  }
}
