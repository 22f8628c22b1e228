/** Cuts a text into plain runs and entity runs, for highlighting as text nodes (never HTML). */

export interface SpanLike {
  start: number;
  end: number;
}

export interface Segment<E extends SpanLike> {
  text: string;
  start: number;
  entity: E | null;
}

/**
 * Segments of `text` in order; entities are taken by start (then longest first) and one that
 * overlaps an earlier one is left out. Offsets must lie within the text.
 */
export function highlightSegments<E extends SpanLike>(text: string, entities: readonly E[]): Segment<E>[] {
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment<E>[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < 0 || e.end > text.length || e.start >= e.end) throw new RangeError(`invalid span [${e.start}, ${e.end}) for text of length ${text.length}`);
    if (e.start < at) continue;
    if (e.start > at) out.push({ text: text.slice(at, e.start), start: at, entity: null });
    out.push({ text: text.slice(e.start, e.end), start: e.start, entity: e });
    at = e.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), start: at, entity: null });
  return out;
}
