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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches the longest added token at the leftmost position (alternatives longest first), as transformers.js's trie. */
function addedTokenPattern(tokens: readonly AddedTokenSpec[]): RegExp | null {
  if (tokens.length === 0) return null;
  const sorted = [...tokens].sort((a, b) => b.content.length - a.content.length);
  return new RegExp(sorted.map((t) => escapeRegExp(t.content)).join('|'), 'g');
}

/** Splits `text[from, to)` around added-token matches. */
function splitOnAdded(text: string, from: number, to: number, pattern: RegExp | null, byContent: ReadonlyMap<string, AddedTokenSpec>): Section[] {
  if (pattern === null) return [{ start: from, end: to, added: null }];
  const out: Section[] = [];
  let sectionStart = from;
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const m of slice.matchAll(pattern)) {
    const start = from + m.index;
    if (start > sectionStart) out.push({ start: sectionStart, end: start, added: null });
    out.push({ start, end: start + m[0].length, added: byContent.get(m[0])! });
    sectionStart = start + m[0].length;
  }
  if (sectionStart < to) out.push({ start: sectionStart, end: to, added: null });
  return out;
}

export class OffsetTokenizer {
  readonly spec: WordPieceSpec;
  #rawAdded: RegExp | null;
  #normalizedAdded: RegExp | null;
  #addedByContent = new Map<string, AddedTokenSpec>();
  #cache = new Map<string, Piece[]>();

  constructor(spec: WordPieceSpec) {
    this.spec = spec;
    const raw = spec.addedTokens.filter((t) => !t.normalized || spec.normalizer === null);
    const normalizer = spec.normalizer;
    const normalized =
      normalizer === null
        ? []
        : spec.addedTokens
            .filter((t) => t.normalized)
            .map((t) => ({ ...t, content: normalizeAligned(t.content, normalizer).text }))
            .filter((t) => t.content !== '');
    for (const t of [...raw, ...normalized]) if (!this.#addedByContent.has(t.content)) this.#addedByContent.set(t.content, t);
    this.#rawAdded = addedTokenPattern(raw);
    this.#normalizedAdded = addedTokenPattern(normalized);
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
    for (const section of splitOnAdded(text, 0, text.length, this.#rawAdded, this.#addedByContent)) {
      if (section.added) {
        push(section.added.id, section.start, section.end, false);
        continue;
      }
      const aligned = normalizeAligned(text, this.spec.normalizer, section.start, section.end);
      for (const sub of splitOnAdded(aligned.text, 0, aligned.text.length, this.#normalizedAdded, this.#addedByContent)) {
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
