/**
 * The lexical analyzer shared by BM25 and the highlighter, modelled on Lucene's: English words
 * lower-cased, possessive `'s` dropped, Lucene's 33 English stop words removed and Porter-stemmed
 * (as `EnglishAnalyzer`); runs of Chinese/Japanese characters give every character and every
 * adjacent pair (as `CJKBigramFilter` with unigrams), so `糖尿病` matches `尿病` and `糖`.
 * Every term keeps the character span it came from, for highlighting.
 * @example
 * analyze("The patient's symptoms 糖尿病").map((t) => t.term);
 * // ['patient', 'symptom', '糖', '糖尿', '尿', '尿病', '病']
 */
import { porterStem } from './porter-stemmer';

export interface Term {
  term: string;
  start: number;
  end: number;
}

/** Lucene's `EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of',
  'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

const CJK_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]';
const CJK_RUN = `${CJK_CLASS}+`;
/** A letter, mark or digit that is not CJK. */
const WORD_CHAR = `(?:(?!${CJK_CLASS})[\\p{L}\\p{M}\\p{N}])`;
const WORD = `${WORD_CHAR}+(?:['’.]${WORD_CHAR}+)*`;
const TOKEN = new RegExp(`(${CJK_RUN})|(${WORD})`, 'gu');

function normalizeWord(raw: string): string {
  let w = raw.normalize('NFKC').toLowerCase().replace(/’/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  return w.replace(/'/g, '');
}

/** The terms of `text`, in order, with their spans. */
export function analyze(text: string): Term[] {
  const out: Term[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const start = m.index;
    if (m[1] !== undefined) {
      const chars = Array.from(m[1]);
      let pos = start;
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i]!;
        out.push({ term: c.normalize('NFKC'), start: pos, end: pos + c.length });
        const next = chars[i + 1];
        if (next !== undefined) out.push({ term: (c + next).normalize('NFKC'), start: pos, end: pos + c.length + next.length });
        pos += c.length;
      }
      continue;
    }
    const raw = m[2]!;
    const w = normalizeWord(raw);
    if (w === '' || ENGLISH_STOP_WORDS.has(w)) continue;
    out.push({ term: porterStem(w), start, end: start + raw.length });
  }
  return out;
}

/** Just the terms (what BM25 indexes). */
export function terms(text: string): string[] {
  return analyze(text).map((t) => t.term);
}
