/**
 * WordPiece: greedy longest-match-first over a word's code points, `##` marking a piece that
 * continues a word, and one unknown token for a word with any piece missing or too long.
 */

export interface WordPieceOptions {
  vocab: ReadonlyMap<string, number>;
  unkId: number;
  prefix: string;
  maxInputCharsPerWord: number;
}

export interface Piece {
  id: number;
  /** UTF-16 range inside the word, end exclusive. */
  start: number;
  end: number;
}

/** Splits one pre-tokenized word into vocabulary pieces. */
export function wordPiece(word: string, options: WordPieceOptions): Piece[] {
  const chars = [...word];
  if (chars.length > options.maxInputCharsPerWord) return [{ id: options.unkId, start: 0, end: word.length }];
  // UTF-16 offset of each code point boundary
  const unitAt = new Array<number>(chars.length + 1);
  unitAt[0] = 0;
  for (let k = 0; k < chars.length; k++) unitAt[k + 1] = unitAt[k]! + chars[k]!.length;
  const pieces: Piece[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    let found: number | undefined;
    while (start < end) {
      const sub = word.slice(unitAt[start], unitAt[end]);
      found = options.vocab.get(start > 0 ? options.prefix + sub : sub);
      if (found !== undefined) break;
      end--;
    }
    if (found === undefined) return [{ id: options.unkId, start: 0, end: word.length }];
    pieces.push({ id: found, start: unitAt[start]!, end: unitAt[end]! });
    start = end;
  }
  return pieces;
}
