/**
 * The map's geometry, apart from drawing: data → pixel scales that fit every point, a quadtree for
 * finding the point under the pointer among tens of thousands, the points of each colour, and the
 * position of collection rows among the laid-out points (UMAP may lay out a sample).
 */
import { extent, quadtree, scaleLinear, type Quadtree, type ScaleLinear } from 'd3';

export interface MapScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** Scales mapping the points' bounding box into `width × height` minus `pad`, same units on both axes. */
export function fitScales(coords: Float32Array, width: number, height: number, pad = 16): MapScales {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < coords.length; i += 2) {
    xs.push(coords[i]!);
    ys.push(coords[i + 1]!);
  }
  let [x0, x1] = extent(xs) as [number, number];
  let [y0, y1] = extent(ys) as [number, number];
  if (x0 === undefined) [x0, x1, y0, y1] = [-1, 1, -1, 1];
  const span = Math.max(x1 - x0, y1 - y0, 1e-9);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const side = Math.max(1, Math.min(width, height) - 2 * pad);
  const half = span / 2;
  return {
    x: scaleLinear().domain([cx - half, cx + half]).range([width / 2 - side / 2, width / 2 + side / 2]),
    y: scaleLinear().domain([cy - half, cy + half]).range([height / 2 + side / 2, height / 2 - side / 2]),
  };
}

/** A quadtree over point indices (in data coordinates). */
export function pointTree(coords: Float32Array): Quadtree<number> {
  const n = coords.length / 2;
  return quadtree<number>()
    .x((i) => coords[2 * i]!)
    .y((i) => coords[2 * i + 1]!)
    .addAll(Array.from({ length: n }, (_, i) => i));
}

/** The point nearest to data position (x, y) within `radius` (data units), or null. */
export function pointNear(tree: Quadtree<number>, x: number, y: number, radius: number): number | null {
  return tree.find(x, y, radius) ?? null;
}

/** Point indices grouped by category code (for drawing one colour at a time). */
export function pointsByCategory(codes: Uint16Array | null, n: number): number[][] {
  if (!codes) return [Array.from({ length: n }, (_, i) => i)];
  const groups: number[][] = [];
  for (let i = 0; i < n; i++) (groups[codes[i]!] ??= []).push(i);
  return groups.map((g) => g ?? []);
}

/** Point index of each collection row that was laid out. */
export function rowToPoint(rows: Int32Array): Map<number, number> {
  const m = new Map<number, number>();
  rows.forEach((r, i) => m.set(r, i));
  return m;
}

/**
 * The keyboard step on the map: from point `from`, the nearest point lying in direction (dx, dy)
 * (data units, y up), within a 90° cone around it (|across| ≤ along), or null when there is none.
 * @example
 * nearestInDirection(coords, 0, 1, 0); // the nearest point to the right of point 0
 */
export function nearestInDirection(coords: Float32Array, from: number, dx: number, dy: number): number | null {
  const n = coords.length / 2;
  if (!Number.isInteger(from) || from < 0 || from >= n) throw new RangeError(`point ${from} is not one of the ${n} points`);
  const len = Math.hypot(dx, dy);
  if (!(len > 0)) throw new RangeError('direction must not be zero');
  const ux = dx / len;
  const uy = dy / len;
  const x0 = coords[2 * from]!;
  const y0 = coords[2 * from + 1]!;
  let best: number | null = null;
  let bestD = Infinity;
  for (let i = 0; i < n; i++) {
    if (i === from) continue;
    const vx = coords[2 * i]! - x0;
    const vy = coords[2 * i + 1]! - y0;
    const along = vx * ux + vy * uy;
    if (along <= 0 || Math.abs(vx * uy - vy * ux) > along) continue;
    const d = vx * vx + vy * vy;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
