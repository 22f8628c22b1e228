/**
 * The HNSW graph as it is persisted and passed between threads (plain typed arrays), its build
 * parameters, and the structural checks a stored graph passes before it is used.
 */
import type { Metric, VectorSet } from './vector-set';

export interface HnswParams {
  /** Links per node on upper layers (layer 0 keeps 2·M). 2–64. */
  M: number;
  /** Candidate list size while inserting. ≥ M. */
  efConstruction: number;
  metric: Metric;
  /** Seed of the level generator. */
  seed: number;
}

export const DEFAULT_HNSW_PARAMS: HnswParams = { M: 16, efConstruction: 200, metric: 'cosine', seed: 1 };

/** The graph as plain typed arrays: what is persisted and sent between workers. */
export interface HnswGraph {
  format: 'hnsw-v1';
  params: HnswParams;
  dim: number;
  count: number;
  entry: number;
  maxLevel: number;
  levels: Uint8Array;
  /** Layer 0: per node `[n, id_1 … id_2M]`. */
  level0: Int32Array;
  /** Per node, offset of its upper-layer blocks in `upper`, or -1 (level 0 only). */
  upperOffsets: Int32Array;
  /** Per node and layer 1…level: `[n, id_1 … id_M]`. */
  upper: Int32Array;
}

export function checkHnswParams(p: HnswParams): void {
  if (!Number.isInteger(p.M) || p.M < 2 || p.M > 64) throw new RangeError(`M must be an integer in 2…64, got ${p.M}`);
  if (!Number.isInteger(p.efConstruction) || p.efConstruction < p.M || p.efConstruction > 2000) {
    throw new RangeError(`efConstruction must be an integer in M…2000, got ${p.efConstruction}`);
  }
  if (!['cosine', 'dot', 'l2'].includes(p.metric)) throw new RangeError(`unknown metric ${String(p.metric)}`);
  if (!Number.isInteger(p.seed)) throw new RangeError(`seed must be an integer, got ${p.seed}`);
}

/** Structural checks of a persisted graph: every count, offset and neighbour id in range. */
export function checkGraph(g: HnswGraph, set: VectorSet): void {
  const bad = (why: string): never => {
    throw new RangeError(`damaged HNSW index: ${why}`);
  };
  if (g.format !== 'hnsw-v1') bad(`unknown format ${String(g.format)}`);
  checkHnswParams(g.params);
  if (g.dim !== set.dim) bad(`built for ${g.dim} dimensions, the collection has ${set.dim}`);
  if (!Number.isInteger(g.count) || g.count < 0 || g.count > set.count) bad(`count ${g.count} for ${set.count} vectors`);
  const m = g.params.M;
  const stride0 = 2 * m + 1;
  if (!(g.levels instanceof Uint8Array) || g.levels.length !== g.count) bad('levels has the wrong length');
  if (!(g.level0 instanceof Int32Array) || g.level0.length !== g.count * stride0) bad('layer 0 has the wrong length');
  if (!(g.upperOffsets instanceof Int32Array) || g.upperOffsets.length !== g.count) bad('upper offsets have the wrong length');
  if (!(g.upper instanceof Int32Array)) bad('upper layers are missing');
  if (g.count === 0) return;
  if (!Number.isInteger(g.entry) || g.entry < 0 || g.entry >= g.count) bad(`entry point ${g.entry}`);
  if (g.maxLevel !== g.levels[g.entry]) bad('the entry point is not on the top layer');
  const inRange = (arr: Int32Array, off: number, cap: number) => {
    const k = arr[off]!;
    if (k < 0 || k > cap) bad(`a node lists ${k} neighbours (at most ${cap})`);
    for (let t = 1; t <= k; t++) {
      const id = arr[off + t]!;
      if (id < 0 || id >= g.count) bad(`neighbour id ${id} out of range`);
    }
  };
  for (let i = 0; i < g.count; i++) {
    const level = g.levels[i]!;
    if (level > g.maxLevel) bad(`node ${i} is above the top layer`);
    inRange(g.level0, i * stride0, 2 * m);
    const off = g.upperOffsets[i]!;
    if (level === 0) continue;
    if (off < 0 || off + level * (m + 1) > g.upper.length) bad(`node ${i} has no upper layers`);
    for (let l = 1; l <= level; l++) inRange(g.upper, off + (l - 1) * (m + 1), m);
  }
}
