/**
 * A BERT WordPiece tokenizer that gives the same ids as transformers.js and, for every token, its
 * character offsets into the original text (UTF-16 units, as JS strings index).
 *
 * @example
 * const tok = OffsetTokenizer.fromJSON(await (await fetch('/models/mini-bert-med-ner/tokenizer.json')).json());
 * tok.encode('Aspirin-induced asthma'); // [{ id, token: 'aspirin', start: 0, end: 7, word: 0, continuation: false }, …]
 */
import { normalizeAligned } from './bert-normalizer';
import { preTokenize } from './bert-pre-tokenizer';
import { readWordPieceSpec, type AddedTokenSpec, type WordPieceSpec } from './tokenizer-spec';
import { wordPiece, type Piece } from './wordpiece';

export interface TokenSpan {
  id: number;
  /** The vocabulary string, e.g. `##ing` or `[UNK]`. */
  token: string;
  /** Offsets into the encoded text, end exclusive. */
  start: number;
  end: number;
  /** Index of the pre-tokenized word the token belongs to (a punctuation mark is a word of its own). */
  word: number;
  /** True for a piece that continues its word (`##…`). */
  continuation: boolean;
}

interface Section {
  start: number;
  end: number;
  added: AddedTokenSpec | null;
}

/** Splits `text[from, to)` around the longest added-token match at each position, as transformers.js does. */
function splitOnAdded(text: string, from: number, to: number, tokens: readonly AddedTokenSpec[]): Section[] {
  if (tokens.length === 0) return [{ start: from, end: to, added: null }];
  const out: Section[] = [];
  let sectionStart = from;
  let i = from;
  while (i < to) {
    let match: AddedTokenSpec | null = null;
    for (const t of tokens) {
      if (t.content.length > (match?.content.length ?? 0) && text.startsWith(t.content, i) && i + t.content.length <= to) match = t;
    }
    if (match) {
      if (i > sectionStart) out.push({ start: sectionStart, end: i, added: null });
      out.push({ start: i, end: i + match.content.length, added: match });
      i += match.content.length;
      sectionStart = i;
    } else {
      i++;
    }
  }
  if (sectionStart < to) out.push({ start: sectionStart, end: to, added: null });
  return out;
}

export class OffsetTokenizer {
  readonly spec: WordPieceSpec;
  #rawAdded: AddedTokenSpec[];
  #normalizedAdded: AddedTokenSpec[];
  #cache = new Map<string, Piece[]>();

  constructor(spec: WordPieceSpec) {
    this.spec = spec;
    this.#rawAdded = spec.addedTokens.filter((t) => !t.normalized || spec.normalizer === null);
    const normalizer = spec.normalizer;
    this.#normalizedAdded =
      normalizer === null
        ? []
        : spec.addedTokens
            .filter((t) => t.normalized)
            .map((t) => ({ ...t, content: normalizeAligned(t.content, normalizer).text }))
            .filter((t) => t.content !== '');
  }

  /** From a parsed `tokenizer.json`; throws `UnsupportedTokenizerError` unless it is BERT WordPiece. */
  static fromJSON(json: unknown): OffsetTokenizer {
    return new OffsetTokenizer(readWordPieceSpec(json));
  }

  get clsId(): number {
    return this.spec.clsId;
  }
  get sepId(): number {
    return this.spec.sepId;
  }
  get padId(): number {
    return this.spec.padId;
  }

  tokenString(id: number): string {
    return this.spec.idToToken[id] ?? this.spec.unkToken;
  }

  #pieces(word: string): Piece[] {
    let pieces = this.#cache.get(word);
    if (!pieces) {
      pieces = wordPiece(word, this.spec);
      if (this.#cache.size < 200_000) this.#cache.set(word, pieces);
    }
    return pieces;
  }

  /** Tokens of `text` without [CLS]/[SEP], each with its offsets in `text`. */
  encode(text: string): TokenSpan[] {
    const out: TokenSpan[] = [];
    let word = 0;
    const push = (id: number, start: number, end: number, continuation: boolean) => {
      out.push({ id, token: this.tokenString(id), start, end, word: continuation ? word - 1 : word++, continuation });
    };
    for (const section of splitOnAdded(text, 0, text.length, this.#rawAdded)) {
      if (section.added) {
        push(section.added.id, section.start, section.end, false);
        continue;
      }
      const aligned = normalizeAligned(text, this.spec.normalizer, section.start, section.end);
      for (const sub of splitOnAdded(aligned.text, 0, aligned.text.length, this.#normalizedAdded)) {
        if (sub.added) {
          push(sub.added.id, aligned.start[sub.start]!, aligned.end[sub.end - 1]!, false);
          continue;
        }
        for (const w of preTokenize(aligned.text, sub.start, sub.end)) {
          for (const p of this.#pieces(w.text)) {
            push(p.id, aligned.start[w.start + p.start]!, aligned.end[w.start + p.end - 1]!, p.start > 0);
          }
        }
      }
    }
    return out;
  }

  /**
   * Tokens for text already split into words (an IOB corpus), `word` being the index in `words`;
   * offsets are into that word. Every word is encoded on its own, as the model factory does.
   */
  encodeWords(words: readonly string[]): TokenSpan[] {
    const out: TokenSpan[] = [];
    words.forEach((w, wi) => {
      for (const t of this.encode(w)) out.push({ ...t, word: wi });
    });
    return out;
  }

  /** `[CLS] ids [SEP]`, as transformers.js encodes a single text. */
  withSpecialTokens(ids: readonly number[]): number[] {
    return [this.clsId, ...ids, this.sepId];
  }
}
