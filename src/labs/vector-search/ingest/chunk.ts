/**
 * Splitting documents into the chunks that get embedded and searched:
 * - `document`: the whole document is one chunk (demo sets whose records are already short);
 * - `paragraph`: split at blank lines;
 * - `sentence`: `sentencesPerChunk` sentences per chunk (`Intl.Segmenter`, so Chinese 。！？ work);
 * - `window`: fixed windows of `windowTokens` approximate tokens, overlapping by `overlapTokens`.
 *
 * Token counts here are approximate: each word, each CJK character and each punctuation mark
 * counts as one. The model's WordPiece tokenizer splits rare words into several pieces, so its
 * count is usually somewhat higher for English; CJK matches (one character = one token).
 */

export type ChunkMode = 'document' | 'paragraph' | 'sentence' | 'window';
export const CHUNK_MODES: readonly ChunkMode[] = ['document', 'paragraph', 'sentence', 'window'];

export interface ChunkOptions {
  mode: ChunkMode;
  sentencesPerChunk?: number;
  windowTokens?: number;
  overlapTokens?: number;
}

export const DEFAULT_CHUNKING: Required<ChunkOptions> = { mode: 'paragraph', sentencesPerChunk: 3, windowTokens: 128, overlapTokens: 32 };

export interface TextChunk {
  text: string;
  /** Character span in the document. */
  start: number;
  end: number;
  /** Approximate tokens (see above). */
  tokens: number;
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}])+|[^\s\p{L}\p{M}\p{N}]/gu;

/** Approximate token spans of a text. */
export function tokenSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

export function approxTokenCount(text: string): number {
  TOKEN.lastIndex = 0;
  let n = 0;
  while (TOKEN.exec(text) !== null) n++;
  return n;
}

/** The chunk for text[start, end), trimmed; null when only whitespace. */
function span(text: string, start: number, end: number): TextChunk | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start >= end) return null;
  const t = text.slice(start, end);
  return { text: t, start, end, tokens: approxTokenCount(t) };
}

function paragraphs(text: string): TextChunk[] {
  const out: TextChunk[] = [];
  const sep = /\n[ \t\f\v\r]*\n/g;
  let pos = 0;
  for (let m = sep.exec(text); m !== null; m = sep.exec(text)) {
    const c = span(text, pos, m.index);
    if (c) out.push(c);
    pos = m.index + m[0].length;
  }
  const last = span(text, pos, text.length);
  if (last) out.push(last);
  return out;
}

/** Sentence boundaries (start offsets) by `Intl.Segmenter`, or by end punctuation where it is missing. */
export function sentenceStarts(text: string): number[] {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const seg = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    return Array.from(seg.segment(text), (s) => s.index);
  }
  const starts = [0];
  const re = /[.!?。！？]+["'”’)）]*\s*/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) if (m.index + m[0].length < text.length) starts.push(m.index + m[0].length);
  return starts;
}

function sentences(text: string, perChunk: number): TextChunk[] {
  const starts = sentenceStarts(text);
  const out: TextChunk[] = [];
  for (let i = 0; i < starts.length; i += perChunk) {
    const c = span(text, starts[i]!, starts[i + perChunk] ?? text.length);
    if (c) out.push(c);
  }
  return out;
}

function windows(text: string, size: number, overlap: number): TextChunk[] {
  const toks = tokenSpans(text);
  const out: TextChunk[] = [];
  const stride = size - overlap;
  for (let s = 0; s < toks.length; s += stride) {
    const e = Math.min(toks.length, s + size);
    const c = span(text, toks[s]![0], toks[e - 1]![1]);
    if (c) out.push(c);
    if (e === toks.length) break;
  }
  return out;
}

/**
 * @example
 * chunkText('One. Two.\n\nThree.', { mode: 'paragraph' }).map((c) => c.text); // ['One. Two.', 'Three.']
 */
export function chunkText(text: string, opts: ChunkOptions): TextChunk[] {
  const o = { ...DEFAULT_CHUNKING, ...opts };
  switch (o.mode) {
    case 'document': {
      const c = span(text, 0, text.length);
      return c ? [c] : [];
    }
    case 'paragraph':
      return paragraphs(text);
    case 'sentence':
      if (!Number.isInteger(o.sentencesPerChunk) || o.sentencesPerChunk < 1) throw new RangeError(`sentencesPerChunk must be ≥ 1, got ${o.sentencesPerChunk}`);
      return sentences(text, o.sentencesPerChunk);
    case 'window':
      if (!Number.isInteger(o.windowTokens) || o.windowTokens < 8) throw new RangeError(`windowTokens must be an integer ≥ 8, got ${o.windowTokens}`);
      if (!Number.isInteger(o.overlapTokens) || o.overlapTokens < 0 || o.overlapTokens >= o.windowTokens) {
        throw new RangeError(`overlapTokens must be an integer in 0…${o.windowTokens - 1}, got ${o.overlapTokens}`);
      }
      return windows(text, o.windowTokens, o.overlapTokens);
    default:
      throw new RangeError(`unknown chunking mode ${String(o.mode)}`);
  }
}
