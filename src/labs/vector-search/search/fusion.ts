/**
 * Hybrid retrieval: combining ranked lists from different retrievers (BM25 and dense search).
 * - Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ_i 1 / (k + rank_i(d)),
 *   ranks from 1, k = 60; uses only ranks, so incomparable scores do not matter.
 * - Weighted score fusion: each list's scores min-max normalised to [0, 1] over the list, then
 *   Σ_i w_i · norm_i(d); a document missing from a list gets 0 there.
 * Ties: higher score first, then smaller index.
 */
import type { Hit } from './top-k-heap';
import type { Metric } from './vector-set';

export interface FusedHit {
  index: number;
  score: number;
  /** Rank (from 1) in each input list, or null when the list does not contain it. */
  ranks: (number | null)[];
}

export const RRF_K = 60;

function rankMaps(lists: readonly (readonly Hit[])[]): Map<number, (number | null)[]> {
  const ranks = new Map<number, (number | null)[]>();
  lists.forEach((list, li) => {
    list.forEach((hit, r) => {
      let entry = ranks.get(hit.index);
      if (!entry) {
        entry = lists.map(() => null);
        ranks.set(hit.index, entry);
      }
      if (entry[li] === null) entry[li] = r + 1;
    });
  });
  return ranks;
}

function finish(items: FusedHit[], limit: number): FusedHit[] {
  return items.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
}

/**
 * @example
 * reciprocalRankFusion([bm25Hits, denseHits], 60, 10);
 */
export function reciprocalRankFusion(lists: readonly (readonly Hit[])[], k = RRF_K, limit = Infinity): FusedHit[] {
  if (!(k >= 0)) throw new RangeError(`k must be ≥ 0, got ${k}`);
  const items: FusedHit[] = [];
  for (const [index, ranks] of rankMaps(lists)) {
    let score = 0;
    for (const r of ranks) if (r !== null) score += 1 / (k + r);
    items.push({ index, score, ranks });
  }
  return finish(items, limit);
}

/** Min-max normalisation of one list's scores (all 1 when every score is equal). */
export function minMaxNormalize(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return scores.map((s) => (max === min ? 1 : (s - min) / (max - min)));
}

export interface WeightedList {
  /** Higher scores are better (negate distances before fusing). */
  hits: readonly Hit[];
  weight: number;
}

/**
 * @example
 * weightedScoreFusion([{ hits: denseHits, weight: 0.7 }, { hits: bm25Hits, weight: 0.3 }], 10);
 */
export function weightedScoreFusion(lists: readonly WeightedList[], limit = Infinity): FusedHit[] {
  for (const l of lists) if (!(l.weight >= 0) || !Number.isFinite(l.weight)) throw new RangeError(`weights must be finite and ≥ 0, got ${l.weight}`);
  const ranks = rankMaps(lists.map((l) => l.hits));
  const scores = new Map<number, number>();
  for (const l of lists) {
    const norm = minMaxNormalize(l.hits.map((h) => h.score));
    const seen = new Set<number>();
    l.hits.forEach((h, i) => {
      if (seen.has(h.index)) return;
      seen.add(h.index);
      scores.set(h.index, (scores.get(h.index) ?? 0) + l.weight * norm[i]!);
    });
  }
  return finish(
    [...scores].map(([index, score]) => ({ index, score, ranks: ranks.get(index)! })),
    limit,
  );
}

export type Fusion = { kind: 'rrf'; k: number } | { kind: 'weighted'; denseWeight: number };

/** Scores where higher is better (L2 distances negated), for fusion. */
export const higherBetter = (hits: Hit[], metric: Metric): Hit[] => (metric === 'l2' ? hits.map((h) => ({ index: h.index, score: -h.score })) : hits);

/** Hybrid retrieval: BM25 hits fused with dense hits (any metric) by RRF or weighted scores. */
export function fuseLexicalDense(bm25: Hit[], dense: Hit[], metric: Metric, fusion: Fusion, limit: number): FusedHit[] {
  if (fusion.kind === 'rrf') return reciprocalRankFusion([bm25, dense], fusion.k, limit);
  const w = Math.min(1, Math.max(0, fusion.denseWeight));
  return weightedScoreFusion(
    [
      { hits: bm25, weight: 1 - w },
      { hits: higherBetter(dense, metric), weight: w },
    ],
    limit,
  );
}
