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

/** A base character with the combining marks after it, and the source range they cover. */
interface Cluster {
  text: string;
  start: number;
  end: number;
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(NONSPACING_MARKS, '');
}

/** Clean + CJK-space each code point of `source[from, to)`, grouping combining marks with their base. */
function cleanClusters(source: string, config: BertNormalizerConfig, from: number, to: number): Cluster[] {
  const clusters: Cluster[] = [];
  let i = from;
  while (i < to) {
    const hi = source.charCodeAt(i);
    const lo = i + 1 < to ? source.charCodeAt(i + 1) : 0;
    const width = hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? 2 : 1;
    const ch = source.slice(i, i + width);
    const start = i;
    i += width;
    let out = ch;
    if (config.cleanText) {
      const tabOrNewline = hi === 0x09 || hi === 0x0a || hi === 0x0d;
      if (hi === 0 || hi === 0xfffd || (!tabOrNewline && CONTROL.test(ch))) continue;
      if (WHITESPACE.test(ch)) out = ' ';
    }
    if (config.handleChineseChars && width === 1 && isChineseChar(hi)) out = ` ${ch} `;
    const last = clusters[clusters.length - 1];
    if (last && STARTS_WITH_MARK.test(out)) {
      last.text += out;
      last.end = i;
    } else {
      clusters.push({ text: out, start, end: i });
    }
  }
  return clusters;
}

function toAligned(clusters: readonly Cluster[]): AlignedText {
  const text = clusters.map((c) => c.text).join('');
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  let j = 0;
  for (const c of clusters) {
    start.fill(c.start, j, j + c.text.length);
    end.fill(c.end, j, j + c.text.length);
    j += c.text.length;
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
  if (config === null) {
    const clusters: Cluster[] = [];
    for (let i = from; i < to; i++) clusters.push({ text: source[i]!, start: i, end: i + 1 });
    return toAligned(clusters);
  }
  let clusters = cleanClusters(source, config, from, to);
  if (config.lowercase) {
    // Lowercase the whole text (Greek final sigma depends on context) and cut it back into clusters;
    // each cluster's lowercase length does not depend on its context.
    const whole = clusters.map((c) => c.text).join('').toLowerCase();
    let at = 0;
    clusters = clusters.map((c) => {
      const n = c.text.toLowerCase().length;
      const text = whole.slice(at, at + n);
      at += n;
      return { ...c, text };
    });
  }
  const strip = config.lowercase ? config.stripAccents !== false : config.stripAccents === true;
  if (strip) {
    const parts = clusters.map((c) => ({ ...c, text: stripAccents(c.text) }));
    const whole = stripAccents(clusters.map((c) => c.text).join(''));
    // Canonical reordering never crosses a base character, so the parts agree with the whole text;
    // should some exotic sequence disagree, keep the exact text and give it one coarse range.
    clusters =
      parts.map((c) => c.text).join('') === whole
        ? parts
        : [{ text: whole, start: clusters[0]?.start ?? from, end: clusters[clusters.length - 1]?.end ?? to }];
  }
  return toAligned(clusters);
}
