/**
 * Real embedded text at scale for the vector benchmarks: one sentence per text from the demo
 * collections the app ships (MedQuAD answers and questions, SciFact abstracts, WordNet glosses,
 * Tatoeba), embedded by mini-embed-zh-en through the runtime's batch path — the vectors a learner's
 * collection would hold. Embedding 100k texts takes minutes on 2 cores, so `npm run bench` keeps
 * them in its disk cache (`bench/.cache/`), keyed by the model file and the text list.
 */
import { runtime } from '../../../lib/runtime';
import { chunkText } from '../../vector-search/ingest/chunk';
import { loadDemoManifest, loadDemoSet } from '../../vector-search/demo-sets';
import { diskCacheGet, diskCachePut } from '../core/disk-cache';
import type { SuiteContext } from './context';

export const REAL_MODEL = 'mini-embed-zh-en';
const DIM = 256;
/** Vectors per cached part (10 MB): the runner's route moves each part as one request. */
const PART = 10_000;

/** Sentences of 4–80 words from every shipped demo set, deduplicated, sets interleaved round-robin (deterministic). */
export function sentencesOf(sets: { id: string; texts: string[] }[], limit: number): string[] {
  const seen = new Set<string>();
  const perSet = sets.map((s) => {
    const out: string[] = [];
    for (const t of s.texts) {
      for (const c of chunkText(t, { mode: 'sentence', sentencesPerChunk: 1 })) {
        const words = c.tokens;
        if (words < 4 || words > 80 || seen.has(c.text)) continue;
        seen.add(c.text);
        out.push(c.text);
      }
    }
    return out;
  });
  const all: string[] = [];
  for (let i = 0; all.length < limit && perSet.some((p) => i < p.length); i++) {
    for (const p of perSet) if (i < p.length && all.length < limit) all.push(p[i]!);
  }
  return all;
}

/** Every `stride`-th text (from stride-1) held out as a query; the rest (up to `n`) are the collection. */
export function splitQueries<T>(items: T[], n: number, q: number): { base: T[]; queries: T[] } {
  const stride = Math.max(2, Math.floor(items.length / q));
  const base: T[] = [];
  const queries: T[] = [];
  items.forEach((x, i) => ((i % stride === stride - 1 && queries.length < q ? queries : base).push(x)));
  return { base: base.slice(0, n), queries };
}

export interface RealVectors {
  data: Float32Array;
  queries: Float32Array;
  texts: number;
  /** 'cache' when read from the runner's disk cache; else the embedding's time and rate. */
  from: 'cache' | 'embedded';
  embedMs: number;
  sources: string;
}

/**
 * `n` collection vectors and `q` query vectors of real text. Reads them from the disk cache when the
 * runner has them; else embeds (progress on the run's line) and stores them there.
 */
export async function realVectors(ctx: SuiteContext, n: number, q: number, modelBytes: number): Promise<RealVectors> {
  const sets = await loadDemoManifest();
  const loaded = [];
  for (const s of sets) {
    const { documents } = await loadDemoSet(s, fetch, ctx.signal);
    loaded.push({ id: s.id, texts: documents.map((d) => d.text) });
  }
  const texts = sentencesOf(loaded, n + q + Math.ceil((n + q) / 100));
  if (texts.length < n + q) throw new Error(`the demo sets give ${texts.length} sentences, ${n + q} were asked for`);
  const { base, queries } = splitQueries(texts, n, q);
  const sources = loaded.map((s) => s.id).join(', ');
  const key = `real-v1-${REAL_MODEL}-${modelBytes}-${n}-${q}-${texts.length}`;
  const parts = Math.ceil((n + q) / PART);
  const cached: ArrayBuffer[] = [];
  for (let p = 0; p < parts; p++) {
    const b = await diskCacheGet(`${key}.part${p}`);
    const want = Math.min(PART, n + q - p * PART) * DIM * 4;
    if (!b || b.byteLength !== want) break;
    cached.push(b);
  }
  let all: Float32Array;
  let from: RealVectors['from'] = 'cache';
  let embedMs = 0;
  if (cached.length === parts) {
    all = new Float32Array((n + q) * DIM);
    cached.forEach((b, p) => all.set(new Float32Array(b), p * PART * DIM));
  } else {
    from = 'embedded';
    const info = await runtime.load({ source: 'shipped', id: REAL_MODEL }, { backend: 'wasm' });
    const t0 = performance.now();
    let shown = -1;
    all = await runtime.embed(info.handle, [...base, ...queries], { batchSize: 64, signal: ctx.signal }, (p) => {
      const pct = p.total ? Math.floor((100 * p.done) / p.total / 5) * 5 : 0;
      if (pct === shown) return;
      shown = pct;
      const eta = p.rate ? ` (${Math.round(p.rate)} texts/s, ${Math.round((p.total - p.done) / p.rate)} s left)` : '';
      ctx.onProgress?.(`vectors: embedding ${n + q} sentences of real text once (kept in bench/.cache): ${p.done}/${p.total}${eta}`);
    });
    embedMs = performance.now() - t0;
    await runtime.unload(info.handle);
    for (let p = 0; p < parts; p++) {
      const slice = all.slice(p * PART * DIM, Math.min(n + q, (p + 1) * PART) * DIM);
      await diskCachePut(`${key}.part${p}`, slice.buffer);
    }
  }
  // views of one buffer: the caller copies what it transfers to a worker
  return { data: all.subarray(0, n * DIM), queries: all.subarray(n * DIM), texts: n + q, from, embedMs, sources };
}
