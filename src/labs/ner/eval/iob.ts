/**
 * IOB corpora as the model factory reads them: one `token TAB … TAB tag` line per word, a blank
 * line between sentences; the first column is the word, the last the tag.
 */

export interface IobSentence {
  words: string[];
  tags: string[];
}

const TAG = /^(?:O|[BI]-\S+)$/;

/** Parses IOB text; throws a `SyntaxError` naming the line of the first malformed row. */
export function parseIob(text: string): IobSentence[] {
  const sentences: IobSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (words.length > 0) sentences.push({ words, tags });
      words = [];
      tags = [];
      return;
    }
    const parts = line.split('\t');
    const tag = parts[parts.length - 1]!;
    if (parts.length < 2 || parts[0] === '' || !TAG.test(tag)) {
      throw new SyntaxError(`line ${i + 1}: expected "word<TAB>tag" with a tag like O, B-Disease or I-Disease, got "${line.slice(0, 60)}"`);
    }
    words.push(parts[0]!);
    tags.push(tag);
  });
  if (words.length > 0) sentences.push({ words, tags });
  return sentences;
}

/** The entity types named in the tags, sorted. */
export function entityTypes(sentences: readonly IobSentence[]): string[] {
  const types = new Set<string>();
  for (const s of sentences) for (const t of s.tags) if (t !== 'O') types.add(t.slice(2));
  return [...types].sort();
}
