/**
 * Builds the gazetteer from training corpora: every gold mention's text, with how often that text
 * was tagged as its type and how often it occurred on word boundaries in corpora that annotate
 * the type (NCBI-disease annotates only diseases, so it counts only towards Disease).
 */
import { chunks } from '../eval/conlleval';
import type { IobSentence } from '../eval/iob';
import { mentionKey, type GazetteerData, type GazetteerEntry } from './gazetteer';

export interface TrainingCorpus {
  sentences: readonly IobSentence[];
  /** The entity types this corpus annotates. */
  types: readonly string[];
}

export function buildGazetteer(corpora: readonly TrainingCorpus[], source: string, defaultMinPrecision: number): GazetteerData {
  const types = [...new Set(corpora.flatMap((c) => c.types))].sort();
  // key → type → [tagged, occurred]
  const stats = new Map<string, Map<string, [number, number]>>();
  let maxWords = 0;
  for (const corpus of corpora) {
    for (const s of corpus.sentences) {
      for (const c of chunks(s.tags)) {
        if (!corpus.types.includes(c.type)) continue;
        const key = mentionKey(s.words.slice(c.start, c.end));
        let byType = stats.get(key);
        if (!byType) stats.set(key, (byType = new Map()));
        const counts = byType.get(c.type) ?? [0, 0];
        counts[0]++;
        byType.set(c.type, counts);
        maxWords = Math.max(maxWords, c.end - c.start);
      }
    }
  }
  for (const corpus of corpora) {
    for (const s of corpus.sentences) {
      for (let i = 0; i < s.words.length; i++) {
        for (let n = 1; n <= maxWords && i + n <= s.words.length; n++) {
          const byType = stats.get(mentionKey(s.words.slice(i, i + n)));
          if (!byType) continue;
          for (const [type, counts] of byType) if (corpus.types.includes(type)) counts[1]++;
        }
      }
    }
  }
  const entries: GazetteerEntry[] = [];
  for (const key of [...stats.keys()].sort()) {
    for (const [type, [tagged, occurred]] of stats.get(key)!) entries.push([key, types.indexOf(type), tagged, occurred]);
  }
  return { format: 'llm-lab-gazetteer@1', source, types, defaultMinPrecision, entries };
}
