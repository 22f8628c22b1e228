/**
 * Relevance judgments for evaluation: queries (id, text) and qrels (query id → document id →
 * relevance). Reads the usual formats: BEIR qrels TSV (`query-id  corpus-id  score`, with or
 * without a header), TREC qrels (`qid 0 docid rel`), and queries as BEIR JSONL (`{"_id", "text"}`)
 * or TSV (`id  text`).
 */

export interface JudgedQuery {
  id: string;
  text: string;
}

export type Qrels = Map<string, Map<string, number>>;

/** Stored form: plain arrays (IndexedDB- and JSON-friendly). */
export interface JudgmentSet {
  queries: JudgedQuery[];
  /** `[queryId, docId, relevance]`. */
  qrels: [string, string, number][];
}

export class JudgmentFormatError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'JudgmentFormatError';
  }
}

const lines = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/);

export function parseQrels(text: string): [string, string, number][] {
  const out: [string, string, number][] = [];
  lines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cols = line.split(/\t|\s+/);
    if (i === 0 && cols.length === 3 && !/^-?\d+(\.\d+)?$/.test(cols[2]!)) return; // a header
    let q: string, d: string, rel: string;
    if (cols.length === 3) [q, d, rel] = cols as [string, string, string];
    else if (cols.length === 4) [q, , d, rel] = cols as [string, string, string, string];
    else throw new JudgmentFormatError(i + 1, `expected 3 (BEIR) or 4 (TREC) columns, found ${cols.length}`);
    const r = Number(rel);
    if (!Number.isFinite(r)) throw new JudgmentFormatError(i + 1, `relevance "${rel}" is not a number`);
    out.push([q, d, r]);
  });
  if (out.length === 0) throw new JudgmentFormatError(1, 'no judgments found');
  return out;
}

export function parseQueries(text: string): JudgedQuery[] {
  const out: JudgedQuery[] = [];
  lines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('{')) {
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        throw new JudgmentFormatError(i + 1, 'not valid JSON');
      }
      const o = obj as Record<string, unknown>;
      const id = o._id ?? o.id ?? o.query_id;
      const q = o.text ?? o.query;
      if ((typeof id !== 'string' && typeof id !== 'number') || typeof q !== 'string') throw new JudgmentFormatError(i + 1, 'needs "_id" (or "id") and "text"');
      out.push({ id: String(id), text: q });
      return;
    }
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new JudgmentFormatError(i + 1, 'expected JSON lines or "id<TAB>text"');
    out.push({ id: line.slice(0, tab), text: line.slice(tab + 1).trim() });
  });
  if (out.length === 0) throw new JudgmentFormatError(1, 'no queries found');
  return out;
}

export function qrelsMap(rows: readonly [string, string, number][]): Qrels {
  const map: Qrels = new Map();
  for (const [q, d, r] of rows) {
    let m = map.get(q);
    if (!m) map.set(q, (m = new Map()));
    m.set(d, r);
  }
  return map;
}

/**
 * The queries to evaluate: those with a relevant judgment whose documents are in the collection,
 * optionally restricted to `subset` (e.g. the embedder's held-out claims).
 */
export function evaluableQueries(set: JudgmentSet, docIds: ReadonlySet<string>, subset: ReadonlySet<string> | null = null): { queries: JudgedQuery[]; qrels: Qrels } {
  const qrels = qrelsMap(set.qrels.filter(([, d, r]) => r > 0 && docIds.has(d)));
  const queries = set.queries.filter((q) => qrels.has(q.id) && (subset === null || subset.has(q.id)));
  const kept = new Set(queries.map((q) => q.id));
  for (const q of [...qrels.keys()]) if (!kept.has(q)) qrels.delete(q);
  return { queries, qrels };
}
