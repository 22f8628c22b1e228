/**
 * Serves the small test models of tests/fixtures/models as if they were shipped with the app: added
 * to /models/manifest.json and their files answered from disk, by routing the browser context.
 * (A fresh profile is not controlled by the service worker yet, so the worker's fetches are routed.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const FIXTURES = join(import.meta.dirname, '../fixtures/models');

export const FIXTURE_MODELS = ['tiny-bert', 'tiny-bert-ner'] as const;

function listFiles(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile() && !p.endsWith('reference.json'))
    .map((p) => ({ path: relative(dir, p).split('\\').join('/'), size: statSync(p).size }));
}

export async function serveFixtureModels(context: BrowserContext, baseUrl: string): Promise<void> {
  const models = FIXTURE_MODELS.map((id) => ({ id, files: listFiles(join(FIXTURES, id)) }));
  await context.route(`${baseUrl}models/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/models\//, ''));
    if (path === 'manifest.json') {
      const shipped = (await (await route.fetch()).json()) as { models: unknown[] };
      const added = models.map((m) => ({ ...m, totalBytes: m.files.reduce((s, f) => s + f.size, 0) }));
      return route.fulfill({ json: { models: [...shipped.models, ...added] } });
    }
    const [id, ...rest] = path.split('/');
    const model = models.find((m) => m.id === id);
    const file = model?.files.find((f) => f.path === rest.join('/'));
    if (!model || !file) return route.fallback();
    return route.fulfill({
      body: readFileSync(join(FIXTURES, model.id, file.path)),
      headers: { 'Cross-Origin-Resource-Policy': 'same-origin', 'Content-Type': 'application/octet-stream' },
    });
  });
}
