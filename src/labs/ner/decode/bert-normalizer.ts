/**
 * BertNormalizer (clean text, space out CJK characters, lowercase, strip accents) exactly as
 * transformers.js runs it, but keeping, for every UTF-16 unit of the normalized text, the range of
 * the source text it came from — so tokens can be mapped back to character offsets.
 */
import type { BertNormalizerConfig } from './tokenizer-spec';

export interface AlignedText {
  /** The normalized text. */
  text: string;
  /** `start[j]`, `end[j]`: the source range (UTF-16 offsets, end exclusive) that unit `j` of `text` came from. */
  start: Int32Array;
  end: Int32Array;
}

const CONTROL = /^[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u;
const WHITESPACE = /^\s$/;
const STARTS_WITH_MARK = /^\p{M}/u;
const NONSPACING_MARKS = /\p{Mn}/gu;

/** The CJK ideograph blocks BERT puts spaces around (BMP only ever matches: transformers.js tests UTF-16 units). */
export function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/**
 * A piece of the normalized text: an ASCII run (`run`: unit j came from source unit start + j)
 * or a cluster (a base character with the combining marks after it, all from [start, end)).
 */
interface Segment {
  text: string;
  start: number;
  end: number;
  run: boolean;
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(NONSPACING_MARKS, '');
}

/** The cleaned (and CJK-spaced) form of one non-ASCII code point, or null when it is dropped. */
function cleanChar(ch: string, hi: number, width: number, config: BertNormalizerConfig): string | null {
  if (config.cleanText) {
    if (hi === 0xfffd || CONTROL.test(ch)) return null;
    if (WHITESPACE.test(ch)) return ' ';
  }
  if (config.handleChineseChars && width === 1 && isChineseChar(hi)) return ` ${ch} `;
  return ch;
}

/** An ASCII control that clean_text drops (tab, newline and carriage return stay). */
const droppedAscii = (code: number) => code === 0 || code === 0x7f || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d);

/** Clean + CJK-space `source[from, to)` into ASCII runs and clusters. */
function cleanSegments(source: string, config: BertNormalizerConfig, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let runStart = -1;
  const closeRun = (end: number) => {
    if (runStart === -1) return;
    let text = source.slice(runStart, end);
    if (config.cleanText) text = text.replace(/[\t\n\r]/g, ' ');
    out.push({ text, start: runStart, end, run: true });
    runStart = -1;
  };
  let i = from;
  while (i < to) {
    const hi = source.charCodeAt(i);
    if (hi < 0x80) {
      if (config.cleanText && droppedAscii(hi)) closeRun(i);
      else if (runStart === -1) runStart = i;
      i++;
      continue;
    }
    closeRun(i);
    const lo = i + 1 < to ? source.charCodeAt(i + 1) : 0;
    const width = hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? 2 : 1;
    const ch = source.slice(i, i + width);
    const start = i;
    i += width;
    const cleaned = cleanChar(ch, hi, width, config);
    if (cleaned === null) continue;
    const last = out[out.length - 1];
    if (last && STARTS_WITH_MARK.test(cleaned)) {
      if (last.run) {
        // the mark belongs to the run's last character: move that character into a cluster
        const base = last.text.slice(-1);
        last.text = last.text.slice(0, -1);
        last.end--;
        if (last.text === '') out.pop();
        out.push({ text: base + cleaned, start: last.end, end: i, run: false });
      } else {
        last.text += cleaned;
        last.end = i;
      }
    } else {
      out.push({ text: cleaned, start, end: i, run: false });
    }
  }
  closeRun(to);
  return out;
}

/** Lowercases every segment; Greek final sigma depends on context, so text with Σ is lowercased whole and cut back. */
function lowercase(segments: Segment[]): void {
  if (!segments.some((g) => !g.run && g.text.includes('\u03a3'))) {
    for (const g of segments) g.text = g.text.toLowerCase();
    return;
  }
  // each segment's lowercase length does not depend on its context
  const whole = segments.map((g) => g.text).join('').toLowerCase();
  let at = 0;
  for (const g of segments) {
    const n = g.run ? g.text.length : g.text.toLowerCase().length;
    g.text = whole.slice(at, at + n);
    at += n;
  }
}

/** NFD + drop nonspacing marks, cluster by cluster (NFD leaves ASCII alone). */
function stripSegments(segments: Segment[], from: number, to: number): Segment[] {
  if (segments.every((g) => g.run)) return segments;
  const whole = stripAccents(segments.map((g) => g.text).join(''));
  const parts = segments.map((g) => (g.run ? g : { ...g, text: stripAccents(g.text) }));
  // Canonical reordering never crosses a base character, so the parts agree with the whole text;
  // should some exotic sequence disagree, keep the exact text and give it one coarse range.
  if (parts.map((g) => g.text).join('') === whole) return parts;
  return [{ text: whole, start: segments[0]?.start ?? from, end: segments[segments.length - 1]?.end ?? to, run: false }];
}

function toAligned(segments: readonly Segment[]): AlignedText {
  const text = segments.map((g) => g.text).join('');
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  let j = 0;
  for (const g of segments) {
    const n = g.text.length;
    if (g.run) {
      for (let k = 0; k < n; k++) {
        start[j + k] = g.start + k;
        end[j + k] = g.start + k + 1;
      }
    } else {
      start.fill(g.start, j, j + n);
      end.fill(g.end, j, j + n);
    }
    j += n;
  }
  return { text, start, end };
}

/**
 * Normalizes `source[from, to)` as transformers.js's BertNormalizer does, with the source range of
 * every output unit. `config === null` (no normalizer) returns the text unchanged.
 */
export function normalizeAligned(
  source: string,
  config: BertNormalizerConfig | null,
  from = 0,
  to = source.length,
): AlignedText {
  if (from < 0 || to > source.length || from > to) throw new RangeError(`invalid range [${from}, ${to})`);
  if (config === null) return toAligned([{ text: source.slice(from, to), start: from, end: to, run: true }]);
  let segments = cleanSegments(source, config, from, to);
  if (config.lowercase) lowercase(segments);
  const strip = config.lowercase ? config.stripAccents !== false : config.stripAccents === true;
  if (strip) segments = stripSegments(segments, from, to);
  return toAligned(segments);
}
