import { heatmapPixels, type HeatmapScale } from './heatmap-pixels';

/**
 * Paints the shown cells of a seq × seq matrix into a `size.width × size.height` area of `ctx`
 * (each cell a block of pixels, no smoothing), over whatever is already there.
 */
export function paintHeatmap(
  ctx: CanvasRenderingContext2D,
  matrix: ArrayLike<number>,
  seq: number,
  rows: readonly number[],
  cols: readonly number[],
  scale: HeatmapScale,
  area: { x: number; y: number; width: number; height: number },
): void {
  if (rows.length === 0 || cols.length === 0) return;
  const cells = document.createElement('canvas');
  cells.width = cols.length;
  cells.height = rows.length;
  const cctx = cells.getContext('2d');
  if (!cctx) return;
  cctx.putImageData(new ImageData(heatmapPixels(matrix, seq, rows, cols, scale) as Uint8ClampedArray<ArrayBuffer>, cols.length, rows.length), 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, area.x, area.y, area.width, area.height);
}

/** A CSS custom property of `node` (e.g. `--accent`), resolved for the current theme. */
export function cssColor(node: Element, name: string, fallback: string): string {
  return getComputedStyle(node).getPropertyValue(name).trim() || fallback;
}
