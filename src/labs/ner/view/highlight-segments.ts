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

/**
 * The first segments of a long text, for drawing it a part at a time: those that start before
 * `limit` (UTF-16 units), the last plain run cut at `limit` (moved back one unit rather than split a
 * surrogate pair); an entity run is kept whole. `end` is where the drawn text stops.
 */
export function segmentsBefore<E extends SpanLike>(segments: readonly Segment<E>[], limit: number): { segments: Segment<E>[]; end: number } {
  if (!(limit >= 0)) throw new RangeError(`invalid limit ${limit}`);
  const out: Segment<E>[] = [];
  let end = 0;
  for (const seg of segments) {
    if (seg.start >= limit) break;
    const segEnd = seg.start + seg.text.length;
    if (seg.entity || segEnd <= limit) {
      out.push(seg);
      end = segEnd;
      continue;
    }
    let cut = limit - seg.start;
    if (isHighSurrogate(seg.text.charCodeAt(cut - 1)) && isLowSurrogate(seg.text.charCodeAt(cut))) cut -= 1;
    if (cut > 0) out.push({ ...seg, text: seg.text.slice(0, cut) });
    end = seg.start + cut;
    break;
  }
  return { segments: out, end };
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
