/**
 * BertPreTokenizer as transformers.js runs it: split on whitespace and make every punctuation
 * character (Unicode P* plus the ASCII symbol ranges) a word of its own.
 */

const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const WORD = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const IS_PUNCTUATION = new RegExp(`^[${PUNCTUATION}]$`, 'u');

export interface PreToken {
  text: string;
  /** UTF-16 range in the text that was split, end exclusive. */
  start: number;
  end: number;
}

/** The words of `text[from, to)`, with their offsets in `text`. */
export function preTokenize(text: string, from = 0, to = text.length): PreToken[] {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  const words: PreToken[] = [];
  for (const m of slice.matchAll(WORD)) {
    words.push({ text: m[0], start: from + m.index, end: from + m.index + m[0].length });
  }
  return words;
}

/** Whether `ch` (one code point) is punctuation for BERT. */
export function isBertPunctuation(ch: string): boolean {
  return IS_PUNCTUATION.test(ch);
}
