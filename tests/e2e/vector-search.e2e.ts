/**
 * The Vector search lab in headless Chromium, on the real inference worker and the lab's search worker.
 *
 * The embedder is the shipped `mini-embed-zh-en` when the build has it, else `mini-bert-zh-en`; when
 * neither is built, the tiny-bert fixture is served as a shipped model by a route (and the service
 * worker is kept out, so that the route also answers after a reload). Queries whose answer is known
 * do not depend on the model's quality: a chunk's own text finds that chunk first in every method.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, ROOT, type Browser } from './harness';
import { expectOnlyLoopback } from './helpers';

const baseUrl = inject('baseUrl');
const FIXTURES = join(ROOT, 'tests/fixtures/vector-search');
const LAB = '#/lab/vector-search';
const SLOW = 900_000;

interface ModelChoice {
  ref: string;
  routed: boolean;
}

async function chooseModel(): Promise<ModelChoice> {
  const manifest = (await (await fetch(`${baseUrl}models/manifest.json`)).json()) as { models: { id: string }[] };
  for (const id of ['mini-embed-zh-en', 'mini-bert-zh-en']) if (manifest.models.some((m) => m.id === id)) return { ref: `shipped:${id}`, routed: false };
  console.info('[vector-search e2e] no shipped embedder in this build: serving the tiny-bert fixture');
  return { ref: 'shipped:tiny-bert', routed: true };
}

/** Serves tests/fixtures/models/tiny-bert as a shipped model, and keeps the service worker out. */
async function serveTinyBert(browser: Browser): Promise<void> {
  const dir = 'tests/fixtures/models/tiny-bert';
  const files: Record<string, string> = {
    'config.json': `${dir}/config.json`, 'tokenizer.json': `${dir}/tokenizer.json`, 'tokenizer_config.json': `${dir}/tokenizer_config.json`,
    'onnx/model.onnx': `${dir}/onnx/model.onnx`, 'onnx/model_quantized.onnx': `${dir}/onnx/model_quantized.onnx`,
  };
  await browser.context.addInitScript(() => {
    delete (Navigator.prototype as unknown as Record<string, unknown>).serviceWorker;
  });
  await browser.context.route(`${baseUrl}models/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/models\//, '');
    if (path === 'manifest.json') {
      const shipped = (await (await route.fetch()).json()) as { models: unknown[] };
      const list = Object.entries(files).map(([p, disk]) => ({ path: p, size: statSync(join(ROOT, disk)).size }));
      return route.fulfill({ json: { models: [...shipped.models, { id: 'tiny-bert', files: list, totalBytes: list.reduce((s, f) => s + f.size, 0) }] } });
    }
    const disk = path.startsWith('tiny-bert/') ? files[path.slice('tiny-bert/'.length)] : undefined;
    if (!disk) return route.fallback();
    return route.fulfill({ body: readFileSync(join(ROOT, disk)), headers: { 'Cross-Origin-Resource-Policy': 'same-origin', 'Content-Type': 'application/octet-stream' } });
  });
}

async function openLab(page: Page, query = ''): Promise<void> {
  await page.goto(`${baseUrl}${LAB}${query}`);
  await page.locator('[data-testid=vs-lab][data-ready=true]').waitFor({ timeout: 120_000 });
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click();
const row = (page: Page, name: string) => page.locator(`[data-testid=vs-collection][data-name="${name}"]`);

/** Builds a collection from files and waits until it is embedded and indexed. */
async function build(page: Page, model: string, name: string, files: string[], mode?: string): Promise<void> {
  await tab(page, 'Collections');
  await page.getByTestId('vs-model').fill(model);
  await page.getByTestId('vs-files').setInputFiles(files);
  await page.getByTestId('vs-chunk-stats').waitFor();
  if (mode) await page.getByTestId('vs-chunk-mode').selectOption(mode);
  await page.getByTestId('vs-name').fill(name);
  await page.getByTestId('vs-create').click();
}

async function waitIndexed(page: Page, name: string, chunks: number): Promise<void> {
  await expect.poll(() => row(page, name).getByTestId('vs-embedded').textContent(), { timeout: SLOW, interval: 1000 }).toBe(`${chunks} / ${chunks} chunks embedded`);
  await expect.poll(() => row(page, name).getByTestId('vs-index-status').textContent(), { timeout: SLOW, interval: 1000 }).toContain(`HNSW index: ${chunks} vectors`);
}

async function firstResult(page: Page, method: string): Promise<string> {
  const first = page.locator(`[data-testid=vs-results-${method}] li`).first();
  await first.waitFor({ timeout: 120_000 });
  return (await first.locator('.text').textContent()) ?? '';
}

describe('vector search lab', () => {
  const profile = new Profile();
  let browser: Browser;
  let model: ModelChoice;
  const corpus = join(FIXTURES, 'mini-corpus.jsonl');
  const asthma = readFileSync(corpus, 'utf8').split('\n').map((l) => (l ? (JSON.parse(l) as { id: string; title: string; text: string }) : null)).find((d) => d?.id === 'asthma')!;

  beforeAll(async () => {
    model = await chooseModel();
    browser = await launch(profile, { locale: 'en-US' });
    if (model.routed) await serveTinyBert(browser);
  });
  afterAll(async () => {
    expectOnlyLoopback(browser);
    // No page error and no console error (the CSP <meta> has no header-only directive the browser would complain about).
    expect(browser.errors).toEqual([]);
    await browser.close();
    profile.remove();
  });

  it('builds a collection from a fixture file, finds a known answer in every method, and keeps collection and index over a reload', async () => {
    const { page } = browser;
    await openLab(page);
    await build(page, model.ref, 'Mini health', [corpus]);
    await waitIndexed(page, 'Mini health', 12);

    await tab(page, 'Search');
    await page.getByTestId('vs-query').fill(asthma.text);
    await page.getByTestId('vs-search').click();
    for (const method of ['exact', 'hnsw', 'bm25', 'hybrid']) expect(await firstResult(page, method), method).toContain('airways narrow and swell');
    expect(await page.locator('[data-testid=vs-results-bm25] li').first().locator('mark').count()).toBeGreaterThan(3);

    await page.reload();
    await page.locator('[data-testid=vs-lab][data-ready=true]').waitFor({ timeout: 120_000 });
    await waitIndexed(page, 'Mini health', 12);
    await row(page, 'Mini health').getByTestId('vs-open').click();
    await tab(page, 'Search');
    await page.getByTestId('vs-index-ready').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('vs-index-ready').textContent()).toContain('12 vectors indexed');
    await page.getByTestId('vs-query').fill(asthma.text);
    await page.getByTestId('vs-search').click();
    expect(await firstResult(page, 'hnsw')).toContain('airways narrow and swell');
  }, SLOW);

  it('the map shows as many points as chunks, and the query lands on it', async () => {
    const { page } = browser;
    await openLab(page, '?collection=Mini%20health&tab=map');
    await page.getByTestId('vs-map-draw').click();
    await expect.poll(() => page.getByTestId('vs-map-canvas').getAttribute('data-points'), { timeout: 120_000 }).toBe('12');
    expect(await page.getByTestId('vs-map-count').textContent()).toBe('12 points');
    await tab(page, 'Search');
    await page.getByTestId('vs-query').fill('sugar and insulin');
    await page.getByTestId('vs-search').click();
    await firstResult(page, 'exact');
    await tab(page, 'Map');
    await page.getByText('The query (★) and lines to its 10 nearest neighbours.').waitFor({ timeout: 60_000 });

    // Keyboard: the map is a labelled listbox; an arrow key goes to a point (its text shows), Enter searches with it.
    const surface = page.getByRole('listbox', { name: "Map of the collection's 12 chunks: use the arrow keys to go from point to point" });
    await surface.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => surface.getAttribute('data-active'), { timeout: 30_000 }).toMatch(/^\d+$/);
    const option = surface.getByRole('option', { selected: true });
    expect(await surface.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    expect(await option.textContent()).toContain(`Chunk ${Number(await surface.getAttribute('data-active')) + 1}`);
    const hovered = page.getByTestId('vs-map-hover').locator('.text');
    await expect.poll(() => hovered.textContent(), { timeout: 30_000 }).toMatch(/\w/);
    const text = (await hovered.textContent())!;
    await page.keyboard.press('Enter');
    // the chunk's text in the one-line query box: its line break (after the title) becomes a space
    await expect.poll(() => page.getByTestId('vs-query').inputValue(), { timeout: 30_000 }).toBe(text.replace(/\s+/g, ' ').trim().slice(0, 500));
    // The chunk's own vector is the query: exact search finds that chunk first, whatever the model.
    await expect.poll(() => firstResult(page, 'exact'), { timeout: 120_000 }).toBe(text);
  }, SLOW);

  it('the evaluation panel shows numbers for a small collection with judgments', async () => {
    const { page } = browser;
    await openLab(page, '?collection=Mini%20health&tab=collections');
    await page.getByTestId('vs-qrels').setInputFiles(join(FIXTURES, 'mini-qrels.tsv'));
    await page.getByTestId('vs-queries').setInputFiles(join(FIXTURES, 'mini-queries.jsonl'));
    await page.getByTestId('vs-add-judgments').click();
    await page.getByText('Added 6 queries and 6 judgments.').waitFor({ timeout: 60_000 });
    await tab(page, 'Evaluate');
    await page.getByTestId('vs-evaluate').click();
    await page.getByTestId('vs-eval-table').waitFor({ timeout: SLOW });
    const rows = await page.locator('[data-testid=vs-eval-table] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ method: tr.getAttribute('data-method'), cells: [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)) })),
    );
    expect(rows.map((r) => r.method)).toEqual(['bm25', 'exact', 'hnsw', 'hybrid']);
    for (const r of rows) for (const v of r.cells.slice(0, 4)) expect(v >= 0 && v <= 1, `${r.method} ${v}`).toBe(true);
    // Every query shares its key words with its one relevant text: BM25 ranks it first or close to it.
    expect(rows[0]!.cells[0]).toBeGreaterThan(0.8);
    expect(await page.getByTestId('vs-eval-done').textContent()).toContain('6 queries');
    await page.getByTestId('vs-eval-chart').waitFor();
  }, SLOW);

  it('cancels an embedding run and resumes it after a reload, ending with every chunk embedded', async () => {
    const { page } = browser;
    const dir = mkdtempSync(join(tmpdir(), 'vs-e2e-'));
    const big = join(dir, 'many-paragraphs.txt');
    writeFileSync(big, Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: note number ${i} about topic ${i % 17} and item ${i * 7}. ` + `It repeats a longer sentence so that every chunk takes the model a little while to read, number ${i}. `.repeat(3)).join('\n\n'));
    await openLab(page);
    await build(page, model.ref, 'Many paragraphs', [big], 'paragraph');
    await expect.poll(async () => Number((await page.getByTestId('vs-embed-stored').textContent())?.match(/^(\d+)/)?.[1] ?? 0), { timeout: SLOW, interval: 500 }).toBeGreaterThan(0);
    await page.getByTestId('vs-embed-cancel').click();
    await page.locator('[data-testid=vs-embed-status][data-outcome=cancelled]').waitFor({ timeout: SLOW });
    const stopped = Number((await row(page, 'Many paragraphs').getByTestId('vs-embedded').textContent())?.match(/^(\d+)/)?.[1]);
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(400);

    await page.reload();
    await page.locator('[data-testid=vs-lab][data-ready=true]').waitFor({ timeout: 120_000 });
    expect(await row(page, 'Many paragraphs').getByTestId('vs-embedded').textContent()).toBe(`${stopped} / 400 chunks embedded`);
    await row(page, 'Many paragraphs').getByTestId('vs-resume').click();
    await waitIndexed(page, 'Many paragraphs', 400);
  }, SLOW);
});
