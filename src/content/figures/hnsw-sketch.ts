/**
 * A small, readable sketch of HNSW (Malkov & Yashunin, 2016) for teaching: nodes get a random
 * top layer, every layer is a nearest-neighbour graph over the nodes that reach it, and a query
 * walks greedily from the top layer's entry point down to layer 0.
 *
 * Simplifications, on purpose: each layer links every node to its `m` nearest members (real HNSW
 * inserts nodes one by one with a heuristic), and the walk keeps one candidate (ef = 1).
 */
export interface Point {
  x: number;
  y: number;
}

/** Adjacency lists of one layer: node index → neighbour indices (sorted ascending). */
export type LayerGraph = Map<number, number[]>;

export interface HnswSketch {
  /** Top layer of each node. */
  levels: number[];
  /** layers[l] holds the nodes whose level is ≥ l. */
  layers: LayerGraph[];
  /** The first node on the highest layer, where every search starts. */
  entry: number;
}

/** Deterministic PRNG (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** HNSW's level rule ⌊−ln(u) · mL⌋ for u in (0, 1]; with mL = 1/ln M about 1 node in M goes up a layer. */
export function levelFor(u: number, mL: number): number {
  if (!(u > 0 && u <= 1)) throw new RangeError(`invalid u: ${u} (expected 0 < u ≤ 1)`);
  if (!(mL > 0) || !Number.isFinite(mL)) throw new RangeError(`invalid mL: ${mL}`);
  return Math.max(0, Math.floor(-Math.log(u) * mL)); // max() turns −0 (u = 1) into 0
}

function pointAt(points: readonly Point[], i: number): Point {
  const p = points[i];
  if (!p) throw new RangeError(`no point at index ${i}`);
  return p;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Links each member to its `m` nearest other members, then makes every link two-way. */
export function nearestNeighbourGraph(points: readonly Point[], members: readonly number[], m: number): LayerGraph {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`invalid m: ${m}`);
  const graph: LayerGraph = new Map(members.map((i) => [i, []]));
  const link = (i: number, j: number) => {
    const list = graph.get(i) ?? [];
    if (!list.includes(j)) list.push(j);
    graph.set(i, list);
  };
  for (const i of members) {
    const p = pointAt(points, i);
    const nearest = members
      .filter((j) => j !== i)
      .sort((a, b) => distance(p, pointAt(points, a)) - distance(p, pointAt(points, b)) || a - b)
      .slice(0, m);
    for (const j of nearest) {
      link(i, j);
      link(j, i);
    }
  }
  for (const list of graph.values()) list.sort((a, b) => a - b);
  return graph;
}

/** Builds the layered graph; `maxLevel` caps the number of layers so a figure stays readable. */
export function buildSketch(points: readonly Point[], m: number, maxLevel: number, random: () => number): HnswSketch {
  if (points.length === 0) throw new RangeError('no points');
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`invalid m: ${m} (expected ≥ 2)`);
  const mL = 1 / Math.log(m);
  const levels = points.map(() => Math.min(maxLevel, levelFor(1 - random(), mL)));
  const top = Math.max(...levels);
  const layers: LayerGraph[] = [];
  for (let l = 0; l <= top; l++) {
    const members = levels.flatMap((level, i) => (level >= l ? [i] : []));
    layers.push(nearestNeighbourGraph(points, members, m));
  }
  return { levels, layers, entry: levels.indexOf(top) };
}

/**
 * Greedy descent: on each layer from the top, move to the neighbour closest to `query` while that
 * gets closer; the node reached is the entry to the layer below. Returns the nodes visited per
 * layer, top layer first; the last node of the last path is the answer.
 */
export function greedySearch(points: readonly Point[], sketch: HnswSketch, query: Point): number[][] {
  let current = sketch.entry;
  const paths: number[][] = [];
  const toQuery = (i: number) => distance(pointAt(points, i), query);
  for (let l = sketch.layers.length - 1; l >= 0; l--) {
    const path = [current];
    for (;;) {
      const neighbours = sketch.layers[l]?.get(current) ?? [];
      let best = current;
      for (const j of neighbours) {
        if (toQuery(j) < toQuery(best)) best = j;
      }
      if (best === current) break;
      current = best;
      path.push(current);
    }
    paths.push(path);
  }
  return paths;
}

/** Exact nearest neighbour by checking every point (what a flat index does): the ground truth. */
export function bruteForceNearest(points: readonly Point[], query: Point): number {
  if (points.length === 0) throw new RangeError('no points');
  let best = 0;
  points.forEach((p, i) => {
    if (distance(p, query) < distance(pointAt(points, best), query)) best = i;
  });
  return best;
}
