/**
 * Splits a text into plain and matched segments for highlighting: a segment is matched where the
 * analyzer produced one of the query's terms. Rendered as text nodes (`<mark>{text}</mark>`), never HTML.
 * @example
 * highlightSegments('Cats and dogs', ['cat']);
 * // [{ text: 'Cats', match: true }, { text: ' and dogs', match: false }]
 */
import { analyze } from './text-analyzer';

export interface Segment {
  text: string;
  match: boolean;
}

export function highlightSegments(text: string, queryTerms: readonly string[], analyzeText = analyze): Segment[] {
  const wanted = new Set(queryTerms);
  const spans: [number, number][] = [];
  for (const t of analyzeText(text)) if (wanted.has(t.term)) spans.push([t.start, t.end]);
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const out: Segment[] = [];
  let pos = 0;
  for (const [a, b] of merged) {
    if (a > pos) out.push({ text: text.slice(pos, a), match: false });
    out.push({ text: text.slice(a, b), match: true });
    pos = b;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), match: false });
  return out;
}
