/**
 * Ranking metrics as trec_eval / pytrec_eval (and so BEIR) compute them, per query:
 * - nDCG@k: DCG = Σ_{i=1..k} rel_i / log2(i + 1) (linear gain), divided by the DCG of the ideal
 *   ordering of all judged documents;
 * - recall@k: relevant documents in the top k / all relevant documents (relevance > 0);
 * - MRR@k: 1 / rank of the first relevant document within the top k (0 if none).
 * A ranking is a list of document ids, best first; judgments map document id → relevance.
 */

export type Judgments = ReadonlyMap<string, number>;

function checkK(k: number): void {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`);
}

export function dcgAtK(gains: readonly number[], k: number): number {
  checkK(k);
  let s = 0;
  for (let i = 0; i < Math.min(k, gains.length); i++) s += gains[i]! / Math.log2(i + 2);
  return s;
}

/**
 * @example
 * ndcgAtK(['d3', 'd1'], new Map([['d1', 1], ['d2', 1]]), 10); // (1/log2 3) / (1 + 1/log2 3)
 */
export function ndcgAtK(ranking: readonly string[], judgments: Judgments, k: number): number {
  checkK(k);
  const ideal = [...judgments.values()].filter((r) => r > 0).sort((a, b) => b - a);
  const idcg = dcgAtK(ideal, k);
  if (idcg === 0) return 0;
  return dcgAtK(ranking.slice(0, k).map((d) => Math.max(0, judgments.get(d) ?? 0)), k) / idcg;
}

export function recallAtK(ranking: readonly string[], judgments: Judgments, k: number): number {
  checkK(k);
  let relevant = 0;
  for (const r of judgments.values()) if (r > 0) relevant++;
  if (relevant === 0) return 0;
  let found = 0;
  const seen = new Set<string>();
  for (const d of ranking.slice(0, k)) {
    if (seen.has(d)) continue;
    seen.add(d);
    if ((judgments.get(d) ?? 0) > 0) found++;
  }
  return found / relevant;
}

export function reciprocalRankAtK(ranking: readonly string[], judgments: Judgments, k: number): number {
  checkK(k);
  for (let i = 0; i < Math.min(k, ranking.length); i++) if ((judgments.get(ranking[i]!) ?? 0) > 0) return 1 / (i + 1);
  return 0;
}

export interface RetrievalScores {
  ndcg10: number;
  recall10: number;
  recall100: number;
  mrr10: number;
  /** Queries averaged over (those with at least one relevant judged document). */
  queries: number;
}

/** Means over queries with at least one relevant document; `rankings` maps query id → ranked doc ids. */
export function meanScores(rankings: ReadonlyMap<string, readonly string[]>, qrels: ReadonlyMap<string, Judgments>): RetrievalScores {
  let n = 0;
  const sum = { ndcg10: 0, recall10: 0, recall100: 0, mrr10: 0 };
  for (const [qid, judgments] of qrels) {
    if (![...judgments.values()].some((r) => r > 0)) continue;
    const ranking = rankings.get(qid) ?? [];
    n++;
    sum.ndcg10 += ndcgAtK(ranking, judgments, 10);
    sum.recall10 += recallAtK(ranking, judgments, 10);
    sum.recall100 += recallAtK(ranking, judgments, 100);
    sum.mrr10 += reciprocalRankAtK(ranking, judgments, 10);
  }
  const mean = (x: number) => (n === 0 ? 0 : x / n);
  return { ndcg10: mean(sum.ndcg10), recall10: mean(sum.recall10), recall100: mean(sum.recall100), mrr10: mean(sum.mrr10), queries: n };
}

/**
 * Chunk hits → document ranking: each document at the rank of its best chunk (documents split into
 * several chunks are judged as documents).
 */
export function documentRanking(chunkIndices: readonly number[], docIdOf: (chunk: number) => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of chunkIndices) {
    const d = docIdOf(c);
    if (seen.has(d)) continue;
    seen.add(d);
    out.push(d);
  }
  return out;
}
