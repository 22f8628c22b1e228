import { interpolateSinebow, quantize, schemeTableau10 } from 'd3';

/** One colour per head, readable on the light and the dark theme: Tableau 10, or an even sinebow for more heads. */
export function headColors(heads: number): string[] {
  if (heads <= schemeTableau10.length) return schemeTableau10.slice(0, heads);
  return quantize((t) => interpolateSinebow(t * (1 - 1 / heads)), heads);
}
