import { rgb } from 'd3';

/** How a value becomes a pixel: one colour with opacity value/max, or red/blue by sign for differences. */
export type HeatmapScale = { kind: 'sequential'; color: string; max: number } | { kind: 'diverging'; positive: string; negative: string; maxAbs: number };

/** The colour and opacity of one value. */
export function cellColor(value: number, scale: HeatmapScale): { color: string; opacity: number } {
  if (scale.kind === 'sequential') return { color: scale.color, opacity: scale.max > 0 ? Math.min(1, Math.max(0, value / scale.max)) : 0 };
  return { color: value >= 0 ? scale.positive : scale.negative, opacity: scale.maxAbs > 0 ? Math.min(1, Math.abs(value) / scale.maxAbs) : 0 };
}

/** The largest value (or |value|) among shown cells, for the colour scale's domain. */
export function extent(values: ArrayLike<number>, absolute = false): number {
  let m = 0;
  for (let k = 0; k < values.length; k++) m = Math.max(m, absolute ? Math.abs(values[k]!) : values[k]!);
  return m;
}

/**
 * RGBA pixels (rows.length × cols.length, one per cell) of a seq × seq matrix restricted to the given
 * row and column token indices, for `putImageData`; transparent where the value is 0.
 */
export function heatmapPixels(matrix: ArrayLike<number>, seq: number, rows: readonly number[], cols: readonly number[], scale: HeatmapScale): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rows.length * cols.length * 4);
  const parsed = new Map<string, [number, number, number]>();
  const channels = (c: string) => {
    let v = parsed.get(c);
    if (!v) {
      const { r, g, b } = rgb(c);
      parsed.set(c, (v = [r, g, b]));
    }
    return v;
  };
  rows.forEach((i, y) => {
    cols.forEach((j, x) => {
      const { color, opacity } = cellColor(matrix[i * seq + j]!, scale);
      const [r, g, b] = channels(color);
      const k = (y * cols.length + x) * 4;
      out[k] = r;
      out[k + 1] = g;
      out[k + 2] = b;
      out[k + 3] = Math.round(opacity * 255);
    });
  });
  return out;
}
