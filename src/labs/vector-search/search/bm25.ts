/**
 * Okapi BM25 over a small inverted index (postings in flat typed arrays):
 *   score(d, q) = Σ_t  qtf(t) · idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl))
 *   idf(t)      = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5))          (Lucene's, never negative)
 * with k1 = 1.2, b = 0.75 by default. A term repeated in the query counts once per occurrence,
 * as Lucene's boolean query does. Terms come from `analyze` (stemmed English, CJK uni/bigrams).
 * @example
 * const index = Bm25Index.build(['the cat sat', 'dogs bark']);
 * index.search('cat', 10).hits; // [{ index: 0, score: 0.98 }]
 */
import { TopKHeap, type Hit } from './top-k-heap';
import { terms as analyzeTerms } from './text-analyzer';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Bm25Result {
  hits: Hit[];
  /** The query's terms that occur in the collection (what the highlighter marks). */
  matchedTerms: string[];
}

/** Lucene's BM25 idf. */
export function bm25Idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/** The BM25 term-frequency factor of one term in one document. */
export function bm25Tf(tf: number, docLength: number, avgDocLength: number, { k1, b }: Bm25Params = DEFAULT_BM25): number {
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * docLength) / avgDocLength));
}

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

export class Bm25Index {
  readonly params: Bm25Params;
  readonly docCount: number;
  readonly avgDocLength: number;
  readonly #termIds: Map<string, number>;
  readonly #offsets: Int32Array;
  readonly #docs: Int32Array;
  readonly #tfs: Int32Array;
  readonly #docLengths: Int32Array;
  readonly #analyze: (text: string) => string[];

  private constructor(
    params: Bm25Params,
    termIds: Map<string, number>,
    offsets: Int32Array,
    docs: Int32Array,
    tfs: Int32Array,
    docLengths: Int32Array,
    analyze: (text: string) => string[],
  ) {
    this.params = params;
    this.#termIds = termIds;
    this.#offsets = offsets;
    this.#docs = docs;
    this.#tfs = tfs;
    this.#docLengths = docLengths;
    this.#analyze = analyze;
    this.docCount = docLengths.length;
    let total = 0;
    for (let i = 0; i < docLengths.length; i++) total += docLengths[i]!;
    this.avgDocLength = docLengths.length > 0 ? total / docLengths.length : 0;
  }

  /**
   * Indexes `texts` in order (document i = texts[i]). `onProgress(done)` is called every 1,000
   * documents so a worker can report progress.
   */
  static build(
    texts: ArrayLike<string>,
    opts: { params?: Bm25Params; analyze?: (text: string) => string[]; onProgress?: (done: number) => void } = {},
  ): Bm25Index {
    const params = opts.params ?? DEFAULT_BM25;
    if (!(params.k1 >= 0) || !(params.b >= 0 && params.b <= 1)) throw new RangeError(`invalid BM25 parameters k1=${params.k1} b=${params.b}`);
    const analyze = opts.analyze ?? analyzeTerms;
    const termIds = new Map<string, number>();
    const pairTerm = new GrowableInt32();
    const pairTf = new GrowableInt32();
    const docStart = new Int32Array(texts.length + 1);
    const docLengths = new Int32Array(texts.length);
    const counts = new Map<number, number>();
    for (let d = 0; d < texts.length; d++) {
      counts.clear();
      const ts = analyze(texts[d]!);
      for (const t of ts) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(t, id);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      docLengths[d] = ts.length;
      for (const [id, tf] of counts) {
        pairTerm.push(id);
        pairTf.push(tf);
      }
      docStart[d + 1] = pairTerm.length;
      if ((d + 1) % 1000 === 0) opts.onProgress?.(d + 1);
    }
    const termCount = termIds.size;
    const offsets = new Int32Array(termCount + 1);
    for (let p = 0; p < pairTerm.length; p++) offsets[pairTerm.data[p]! + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, termCount);
    const docs = new Int32Array(pairTerm.length);
    const tfs = new Int32Array(pairTerm.length);
    for (let d = 0; d < texts.length; d++) {
      for (let p = docStart[d]!; p < docStart[d + 1]!; p++) {
        const slot = fill[pairTerm.data[p]!]!++;
        docs[slot] = d;
        tfs[slot] = pairTf.data[p]!;
      }
    }
    opts.onProgress?.(texts.length);
    return new Bm25Index(params, termIds, offsets, docs, tfs, docLengths, analyze);
  }

  get termCount(): number {
    return this.#termIds.size;
  }

  /** Number of documents containing `term` (an analyzed term). */
  docFreq(term: string): number {
    const id = this.#termIds.get(term);
    return id === undefined ? 0 : this.#offsets[id + 1]! - this.#offsets[id]!;
  }

  docLength(doc: number): number {
    return this.#docLengths[doc]!;
  }

  /** The top `k` documents for `query` (only allowed ones when `allow` is given); documents scoring 0 are left out. */
  search(query: string, k: number, allow: Uint8Array | null = null): Bm25Result {
    if (allow && allow.length !== this.docCount) throw new RangeError(`filter has ${allow.length} entries for ${this.docCount} documents`);
    const qtf = new Map<number, number>();
    const matched: string[] = [];
    for (const t of this.#analyze(query)) {
      const id = this.#termIds.get(t);
      if (id === undefined) continue;
      if (!qtf.has(id)) matched.push(t);
      qtf.set(id, (qtf.get(id) ?? 0) + 1);
    }
    if (qtf.size === 0 || this.docCount === 0 || k < 1) return { hits: [], matchedTerms: matched };
    const { k1, b } = this.params;
    const scores = new Float64Array(this.docCount);
    const touched: number[] = [];
    for (const [id, count] of qtf) {
      const start = this.#offsets[id]!;
      const end = this.#offsets[id + 1]!;
      const weight = count * bm25Idf(this.docCount, end - start);
      for (let p = start; p < end; p++) {
        const d = this.#docs[p]!;
        if (allow && allow[d] === 0) continue;
        const tf = this.#tfs[p]!;
        if (scores[d] === 0) touched.push(d);
        scores[d]! += (weight * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * this.#docLengths[d]!) / this.avgDocLength));
      }
    }
    const heap = new TopKHeap(Math.min(k, Math.max(1, touched.length)));
    for (const d of touched) if (scores[d]! > 0) heap.push(d, scores[d]!);
    return { hits: heap.sorted(), matchedTerms: matched };
  }
}
