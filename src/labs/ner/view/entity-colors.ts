/** One colour per entity type: fixed for the medical types, then a categorical palette in order. */
import { schemeTableau10 } from 'd3';

const FIXED: Record<string, string> = { Disease: '#e15759', Chemical: '#4e79a7' };
const PALETTE = schemeTableau10.filter((c) => !Object.values(FIXED).includes(c));

export function typeColors(types: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let next = 0;
  for (const t of types) out[t] = FIXED[t] ?? PALETTE[next++ % PALETTE.length]!;
  return out;
}
