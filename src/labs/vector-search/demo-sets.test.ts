// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoManifest, parseDemoLines } from './demo-sets';
import { QUERY_PRESETS } from './presets';

const DIR = join(import.meta.dirname, '../../../public/data/vector-search');
const diskFetch = (async (url: string) => {
  try {
    return new Response(readFileSync(join(DIR, String(url).split('/').pop()!)));
  } catch {
    return new Response('', { status: 404 });
  }
}) as typeof fetch;

describe('shipped demo sets', { timeout: 60_000 }, () => {
  it('every set parses, has unique ids and the record count of the manifest; judgments point at its documents', async () => {
    const sets = await loadDemoManifest(diskFetch);
    expect(sets.map((s) => s.id).sort()).toEqual(['medquad', 'scifact', 'tatoeba', 'wordnet']);
    for (const set of sets) {
      const docs = parseDemoLines(set.id, readFileSync(join(DIR, set.file), 'utf8'));
      expect(docs.length, set.id).toBe(set.records);
      const ids = new Set(docs.map((d) => d.id));
      expect(ids.size, set.id).toBe(docs.length);
      expect(docs.every((d) => d.text.trim().length > 0)).toBe(true);
      if (set.judgments) {
        const j = JSON.parse(readFileSync(join(DIR, set.judgments), 'utf8')) as { queries: { id: string }[]; qrels: [string, string, number][] };
        const queries = new Set(j.queries.map((q) => q.id));
        expect(j.qrels.every(([q, d]) => queries.has(q) && ids.has(d)), set.id).toBe(true);
      }
    }
  });

  it('SciFact keeps the 809 training claims; the held-out claims, when the factory lists them, are among them', async () => {
    const j = JSON.parse(readFileSync(join(DIR, 'scifact-judgments.json'), 'utf8')) as { queries: { id: string }[] };
    expect(j.queries).toHaveLength(809);
    let heldOut: string[] = [];
    try {
      heldOut = (JSON.parse(readFileSync(join(DIR, '../../../models/mini-embed-zh-en/scifact-heldout-claims.json'), 'utf8')) as unknown[]).map(String);
    } catch {
      return;
    }
    const ids = new Set(j.queries.map((q) => q.id));
    expect(heldOut.length).toBeGreaterThan(0);
    expect(heldOut.every((id) => ids.has(id))).toBe(true);
  });

  it('parseDemoLines rejects a record without id or text', () => {
    expect(() => parseDemoLines('x', '{"id": "a"}\n')).toThrow(/line 1/);
  });

  it('presets exist only for shipped sets', async () => {
    const ids = (await loadDemoManifest(diskFetch)).map((s) => s.id);
    expect(Object.keys(QUERY_PRESETS).every((k) => ids.includes(k))).toBe(true);
  });
});
