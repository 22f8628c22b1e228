/**
 * A dictionary (gazetteer) tagger: the entity strings of the training sets, matched longest-first,
 * case-insensitively, on word boundaries. Each entry keeps how often its text was an entity of its
 * type in training and how often the text occurred at all, so ambiguous strings ("lead", "PD")
 * can be left out by a minimum training precision.
 */
import { preTokenize } from '../decode/bert-pre-tokenizer';
import type { Chunk } from '../eval/conlleval';

/** `[key, type index, times tagged as that type, times the text occurred]`. */
export type GazetteerEntry = [string, number, number, number];

export interface GazetteerData {
  format: 'llm-lab-gazetteer@1';
  /** Where the entries come from (shown as the credit). */
  source: string;
  types: string[];
  /** The minimum training precision chosen on the development sets. */
  defaultMinPrecision: number;
  entries: GazetteerEntry[];
}

/** Lowercased pieces of a word: whitespace splits, punctuation stands alone (as BERT pre-tokenizes). */
export function keyPieces(word: string): string[] {
  return preTokenize(word.toLowerCase()).map((w) => w.text);
}

/** The lookup key of a mention given as words. */
export function mentionKey(words: readonly string[]): string {
  return words.flatMap(keyPieces).join(' ');
}

/** Checks a parsed gazetteer file. */
export function readGazetteer(json: unknown): GazetteerData {
  const d = json as Partial<GazetteerData> | null;
  if (!d || d.format !== 'llm-lab-gazetteer@1' || !Array.isArray(d.types) || !Array.isArray(d.entries)) {
    throw new TypeError('not a gazetteer file (format llm-lab-gazetteer@1)');
  }
  for (const e of d.entries) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || !(e[1] >= 0 && e[1] < d.types.length) || !(e[2]! <= e[3]!)) {
      throw new TypeError(`bad gazetteer entry ${JSON.stringify(e).slice(0, 80)}`);
    }
  }
  return d as GazetteerData;
}

export class Gazetteer {
  readonly data: GazetteerData;
  readonly minPrecision: number;
  /** key → accepted type (the one tagged most often). */
  #accepted = new Map<string, string>();
  /** key → every type it was seen as. */
  #seen = new Map<string, Set<string>>();
  #maxPieces = 0;

  constructor(data: GazetteerData, minPrecision = data.defaultMinPrecision) {
    if (!(minPrecision >= 0 && minPrecision <= 1)) throw new RangeError(`invalid minimum precision ${minPrecision}`);
    this.data = data;
    this.minPrecision = minPrecision;
    const best = new Map<string, number>();
    for (const [key, typeIndex, tagged, occurred] of data.entries) {
      const type = data.types[typeIndex]!;
      let seen = this.#seen.get(key);
      if (!seen) this.#seen.set(key, (seen = new Set()));
      seen.add(type);
      if (occurred === 0 || tagged / occurred < minPrecision || tagged <= (best.get(key) ?? 0)) continue;
      best.set(key, tagged);
      this.#accepted.set(key, type);
      this.#maxPieces = Math.max(this.#maxPieces, key.split(' ').length);
    }
  }

  get size(): number {
    return this.#accepted.size;
  }

  /** Whether this text was an entity of `type` in training (any precision). */
  seen(key: string, type: string): boolean {
    return this.#seen.get(key)?.has(type) ?? false;
  }

  /**
   * Longest matches over `pieces` (lowercased), starting and ending only where `boundary[i]`
   * is true (a match may start at i when boundary[i], end before j when boundary[j]).
   */
  #match(pieces: readonly string[], boundary: readonly boolean[]): Chunk[] {
    const out: Chunk[] = [];
    let i = 0;
    while (i < pieces.length) {
      let found: Chunk | null = null;
      if (boundary[i]) {
        for (let n = Math.min(this.#maxPieces, pieces.length - i); n >= 1 && !found; n--) {
          if (!boundary[i + n]) continue;
          const type = this.#accepted.get(pieces.slice(i, i + n).join(' '));
          if (type) found = { start: i, end: i + n, type };
        }
      }
      if (found) {
        out.push(found);
        i = found.end;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Entity chunks over pre-split words (word indices). */
  tagWords(words: readonly string[]): Chunk[] {
    const pieces: string[] = [];
    const owner: number[] = [];
    const boundary: boolean[] = [];
    words.forEach((w, wi) => {
      keyPieces(w).forEach((p, k) => {
        pieces.push(p);
        owner.push(wi);
        boundary.push(k === 0);
      });
    });
    boundary.push(true);
    return this.#match(pieces, boundary).map((c) => ({ start: owner[c.start]!, end: owner[c.end - 1]! + 1, type: c.type }));
  }

  /** Entities in free text, with character offsets. */
  tagText(text: string): { start: number; end: number; type: string }[] {
    const words = preTokenize(text);
    const pieces = words.map((w) => w.text.toLowerCase());
    return this.#match(pieces, new Array<boolean>(pieces.length + 1).fill(true)).map((c) => ({
      start: words[c.start]!.start,
      end: words[c.end - 1]!.end,
      type: c.type,
    }));
  }
}
