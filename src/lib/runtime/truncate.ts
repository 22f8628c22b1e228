/** One encoded sequence, before padding: ids, token types, and which positions are special tokens. */
export interface Encoding {
  ids: number[];
  types: number[];
  special: boolean[];
}

/**
 * Truncates to `maxLength` tokens the way Hugging Face's `longest_first` strategy does: remove the
 * last content token of the longest run of non-special tokens, one at a time, so `[CLS]`/`[SEP]`
 * (and both texts of a pair) survive. Returns a new Encoding.
 * @example truncateEncoding({ ids: [2, 7, 8, 9, 3], types: [0, 0, 0, 0, 0], special: [true, false, false, false, true] }, 4).ids // [2, 7, 8, 3]
 */
export function truncateEncoding(e: Encoding, maxLength: number): Encoding {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`invalid maxLength: ${maxLength}`);
  if (e.ids.length !== e.types.length || e.ids.length !== e.special.length) throw new RangeError('encoding arrays differ in length');
  if (e.ids.length <= maxLength) return { ids: [...e.ids], types: [...e.types], special: [...e.special] };
  // segments: [start, end) runs of content tokens
  const segs: { start: number; end: number }[] = [];
  for (let i = 0; i < e.ids.length; i++) {
    if (e.special[i]) continue;
    const last = segs[segs.length - 1];
    if (last && last.end === i) last.end++;
    else segs.push({ start: i, end: i + 1 });
  }
  const specials = e.special.filter(Boolean).length;
  if (specials > maxLength) throw new RangeError(`maxLength ${maxLength} is shorter than the ${specials} special tokens`);
  const keep = segs.map((s) => s.end - s.start);
  let excess = e.ids.length - maxLength;
  while (excess > 0) {
    let longest = 0;
    for (let j = 1; j < keep.length; j++) if (keep[j]! > keep[longest]!) longest = j;
    keep[longest]!--;
    excess--;
  }
  const drop = new Set<number>();
  segs.forEach((s, j) => {
    for (let i = s.start + keep[j]!; i < s.end; i++) drop.add(i);
  });
  const out: Encoding = { ids: [], types: [], special: [] };
  for (let i = 0; i < e.ids.length; i++) {
    if (drop.has(i)) continue;
    out.ids.push(e.ids[i]!);
    out.types.push(e.types[i]!);
    out.special.push(e.special[i]!);
  }
  return out;
}
