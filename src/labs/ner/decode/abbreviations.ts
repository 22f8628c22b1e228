/**
 * Abbreviation consistency: after words are decoded, an abbreviation defined in the text as
 * `long form ( SF )` is labelled like its long form wherever it recurs, as biomedical taggers do
 * with an abbreviation resolver. The model factory applies the same rule to each test split's running
 * text (`ner.py`, `propagate_abbreviations`), so the lab's evaluation reproduces the cards.
 *
 * A definition is `( SF )`, SF one word of 2–10 letters or digits with a capital, right after its
 * long form. If the word before `(` ends a predicted entity of type T, SF stands for a T; if that
 * word is `O`, SF stands for no entity; a later definition of SF replaces an earlier one. Every
 * occurrence of SF after the `(`, up to `scope` words on, that is not part of a longer predicted
 * entity becomes a one-word T entity (or `O`). Definitions are read from the tags as decoded.
 */

/** What can be an abbreviation: 2–10 letters or digits, at least one capital. */
export const ABBREVIATION = /^(?=.*[A-Z])[A-Za-z0-9]{2,10}$/;

/** Words after a definition in which it applies; chosen on the devel splits by the model factory. */
export const ABBREVIATION_SCOPE = 1600;

/** The scope the labs use for an on/off setting (0 turns the step off). */
export const abbreviationScope = (on: boolean): number => (on ? ABBREVIATION_SCOPE : 0);

const isInside = (tag: string | undefined) => tag !== undefined && tag.startsWith('I-');

/** `tags` (BIO label names, one per word) with abbreviations made consistent; the input is not changed. */
export function propagateAbbreviations(words: readonly string[], tags: readonly string[], scope: number = ABBREVIATION_SCOPE): string[] {
  if (words.length !== tags.length) throw new RangeError(`${words.length} words but ${tags.length} tags`);
  const out = tags.slice();
  /** SF → [type or null for "no entity", index of its "("]. */
  const defs = new Map<string, [string | null, number]>();
  const n = words.length;
  for (let j = 0; j < n; j++) {
    const w = words[j]!;
    if (w === '(' && j > 0 && j + 2 < n && words[j + 2] === ')' && ABBREVIATION.test(words[j + 1]!)) {
      const before = tags[j - 1]!;
      if (before === 'O') defs.set(words[j + 1]!, [null, j]);
      else if (!isInside(tags[j])) defs.set(words[j + 1]!, [before.slice(2), j]);
      continue;
    }
    const d = defs.get(w);
    if (!d || j - d[1] > scope || isInside(tags[j]) || isInside(tags[j + 1])) continue;
    out[j] = d[0] === null ? 'O' : `B-${d[0]}`;
  }
  return out;
}
