/**
 * Fixed-size chunking with overlap, counted in words, as a document assistant does before
 * embedding (real systems count tokens, but the arithmetic is the same).
 *
 * Chunks start every `size − overlap` words; the last chunk is the first one that reaches the end.
 *
 * @example
 * wordChunks(10, 4, 1) // [{start: 0, end: 4}, {start: 3, end: 7}, {start: 6, end: 10}]
 */
export interface WordRange {
  /** Index of the first word. */
  start: number;
  /** Index one past the last word. */
  end: number;
}

export function wordChunks(wordCount: number, size: number, overlap: number): WordRange[] {
  if (!Number.isInteger(wordCount) || wordCount < 0) throw new RangeError(`invalid wordCount: ${wordCount}`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`invalid size: ${size} (expected a positive integer)`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    throw new RangeError(`invalid overlap: ${overlap} (expected 0 ≤ overlap < size = ${size})`);
  }
  const stride = size - overlap;
  const chunks: WordRange[] = [];
  for (let start = 0; start < wordCount; start += stride) {
    const end = Math.min(start + size, wordCount);
    chunks.push({ start, end });
    if (end === wordCount) break;
  }
  return chunks;
}

/** Whether `outer` contains every word of `inner`. */
export function covers(outer: WordRange, inner: WordRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Lower-cased word forms with surrounding punctuation removed ("Refills," → "refills"). */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * How many distinct query terms occur in `words[range]` — a crude lexical stand-in for the
 * similarity score a retriever computes. `queryTerms` must already be normalised.
 */
export function termOverlap(queryTerms: ReadonlySet<string>, words: readonly string[], range: WordRange): number {
  const seen = new Set<string>();
  for (let i = range.start; i < range.end; i++) {
    const w = normalizeWord(words[i] ?? '');
    if (queryTerms.has(w)) seen.add(w);
  }
  return seen.size;
}
