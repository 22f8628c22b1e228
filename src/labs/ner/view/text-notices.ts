/** What to tell the learner about the text before tagging it. */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The text contains Chinese, Japanese or Korean characters (the model is English-only). */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Largest text the lab accepts from a file or a paste (characters). */
export const MAX_TEXT_CHARS = 5_000_000;
