/**
 * The demo collections shipped under `public/data/vector-search/` (built by
 * `tools/make-demo-sets.mjs`): a manifest, one JSON Lines file per set, and judgments for the sets
 * that have them. Fetched only when the learner chooses a set; the service worker precaches them.
 */
import { array, number, object, optional, string, validate, type Check } from '../../lib/storage/validate';
import type { JudgmentSet } from './eval/judgments';
import type { SourceDocument } from './ingest/source-documents';

export const DEMO_BASE = `${import.meta.env?.BASE_URL ?? '/'}data/vector-search/`;

export interface DemoSet {
  id: string;
  file: string;
  records: number;
  bytes: number;
  judgments?: string;
}

const manifestCheck: Check<{ sets: DemoSet[] }> = object({
  sets: array(object({ id: string({ maxLength: 50 }), file: string({ maxLength: 100 }), records: number({ min: 0, integer: true }), bytes: number({ min: 0 }), judgments: optional(string({ maxLength: 100 })) })),
});

export class DemoSetError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'DemoSetError';
  }
}

async function fetchText(fetcher: typeof fetch, file: string, signal?: AbortSignal): Promise<string> {
  const res = await fetcher(DEMO_BASE + file, { signal });
  if (!res.ok) throw new DemoSetError(file, `HTTP ${res.status}`);
  return res.text();
}

export async function loadDemoManifest(fetcher: typeof fetch = fetch): Promise<DemoSet[]> {
  const r = validate(manifestCheck, JSON.parse(await fetchText(fetcher, 'demo-sets.json')), 'demo-sets.json');
  if (!r.ok) throw new DemoSetError('demo-sets.json', r.error.message);
  return r.value.sets;
}

/** Parses a demo set's JSON Lines (`{"id", "text", "fields"}` per line). */
export function parseDemoLines(setId: string, text: string): SourceDocument[] {
  const docs: SourceDocument[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const r = JSON.parse(line) as { id?: unknown; text?: unknown; fields?: Record<string, unknown> };
    if (typeof r.id !== 'string' || typeof r.text !== 'string') throw new DemoSetError(setId, `line ${i + 1}: needs "id" and "text"`);
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.fields ?? {})) if (typeof v === 'string') fields[k] = v;
    docs.push({ id: r.id, text: r.text, source: setId, fields });
  });
  return docs;
}

export async function loadDemoSet(set: DemoSet, fetcher: typeof fetch = fetch, signal?: AbortSignal): Promise<{ documents: SourceDocument[]; judgments: JudgmentSet | null }> {
  const documents = parseDemoLines(set.id, await fetchText(fetcher, set.file, signal));
  const judgments = set.judgments ? (JSON.parse(await fetchText(fetcher, set.judgments, signal)) as JudgmentSet) : null;
  return { documents, judgments };
}
