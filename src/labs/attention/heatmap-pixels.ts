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
  const channels = (c: string): [number, number, number] => {
    const { r, g, b } = rgb(c);
    return [r, g, b];
  };
  // Hot loop (seq² cells per thumbnail): no allocation per cell.
  const sequential = scale.kind === 'sequential';
  const [pr, pg, pb] = channels(sequential ? scale.color : scale.positive);
  const [nr, ng, nb] = sequential ? [pr, pg, pb] : channels(scale.negative);
  const range = sequential ? scale.max : scale.maxAbs;
  const k255 = range > 0 ? 255 / range : 0;
  let k = 0;
  for (const i of rows) {
    const base = i * seq;
    for (const j of cols) {
      const v = matrix[base + j]!;
      const negative = !sequential && v < 0;
      out[k] = negative ? nr : pr;
      out[k + 1] = negative ? ng : pg;
      out[k + 2] = negative ? nb : pb;
      out[k + 3] = Math.round(Math.min(255, Math.max(0, (sequential ? v : Math.abs(v)) * k255)));
      k += 4;
    }
  }
  return out;
}
