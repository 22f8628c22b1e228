/**
 * The Medical NER lab in headless Chromium. Most cases run on the tiny random-weight fixture
 * (tests/fixtures/models/tiny-bert-ner, served as the shipped model `tiny-bert-ner` by routing, and
 * with labels that are not BIO as `tiny-token-labels`); the cases on the trained model need
 * models/mini-bert-med-ner/, and compare its in-browser F1 with the figures in its model card.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, ROOT, type Browser } from './harness';
import { expectOnlyLoopback, open } from './helpers';

const baseUrl = inject('baseUrl');
const FIXTURE_ID = 'tiny-bert-ner';
const TOKEN_LABELS_ID = 'tiny-token-labels';
const FIXTURE_DIR = join(ROOT, 'tests/fixtures/models/tiny-bert-ner');
const TRAINED = existsSync(join(ROOT, 'models/mini-bert-med-ner/onnx'));

function listFiles(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((p) => ({ path: relative(dir, p).split('\\').join('/'), size: statSync(p).size }));
}

/** Labels that are not BIO tags, for the fixture served as `tiny-token-labels` (same weights, 5 outputs). */
const TOKEN_LABELS = ['O', 'DISEASE', 'CHEMICAL', 'GENE', 'SPECIES'];

/** The fixture's config.json with other labels. */
function configWithLabels(labels: string[]): string {
  const config = JSON.parse(readFileSync(join(FIXTURE_DIR, 'config.json'), 'utf8')) as Record<string, unknown>;
  config.id2label = Object.fromEntries(labels.map((l, i) => [String(i), l]));
  config.label2id = Object.fromEntries(labels.map((l, i) => [l, i]));
  return JSON.stringify(config);
}

/**
 * Serves the tiny fixture as if it were shipped models: added to the manifest as `tiny-bert-ner`
 * and as `tiny-token-labels` (its config.json relabelled), files from tests/fixtures.
 */
async function serveFixtureModels(context: BrowserContext): Promise<void> {
  const files = listFiles(FIXTURE_DIR);
  const relabelled = configWithLabels(TOKEN_LABELS);
  const ids = [FIXTURE_ID, TOKEN_LABELS_ID];
  await context.route('**/models/manifest.json', async (route) => {
    const response = await route.fetch();
    const manifest = (await response.json()) as { models: unknown[] };
    for (const id of ids) {
      const own = files.map((f) => (id === TOKEN_LABELS_ID && f.path === 'config.json' ? { ...f, size: Buffer.byteLength(relabelled) } : f));
      manifest.models.push({ id, files: own, totalBytes: own.reduce((sum, f) => sum + f.size, 0) });
    }
    await route.fulfill({ response, json: manifest });
  });
  for (const id of ids) {
    await context.route(`**/models/${id}/**`, async (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.split(`/models/${id}/`)[1] ?? '');
      if (!files.some((f) => f.path === rel)) return route.fulfill({ status: 404, body: 'Not found' });
      if (id === TOKEN_LABELS_ID && rel === 'config.json') return route.fulfill({ body: relabelled, contentType: 'application/json' });
      await route.fulfill({ path: join(FIXTURE_DIR, rel) });
    });
  }
}

/**
 * The int8 F1 of `testSet` (combined over its types), in F1 points, from the model card that
 * models/factory/cards.py writes (models/mini-bert-med-ner/README.md): in the table whose header has
 * a column "F1 (int8)", the row whose first cell is "<testSet> — combined" (any dash, any case).
 * Column order, spacing and extra columns do not matter; a missing row or a "—" cell is an error.
 */
function cardInt8F1(card: string, testSet: string): number {
  const cells = (line: string) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const norm = (c: string) => c.toLowerCase().replace(/[\u2010-\u2015]/g, '-').replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ').trim();
  const wanted = norm(`${testSet} — combined`);
  const lines = card.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim().startsWith('|')) continue;
    const column = cells(lines[i]!).findIndex((c) => /^f1 \(int8\)$/i.test(c.replace(/\s+/g, ' ')));
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) {
      const row = cells(lines[j]!);
      if (column < 0 || norm(row[0] ?? '') !== wanted) continue;
      const cell = row[column] ?? '';
      if (!/^\d+(\.\d+)?$/.test(cell)) throw new Error(`model card: "${testSet} — combined" has no int8 F1 ("${cell}")`);
      return Number(cell);
    }
    i = j;
  }
  throw new Error(`model card: no "${testSet} — combined" row in a table with an "F1 (int8)" column`);
}

/** The model's combined F1 in the score table, in F1 points, from its counts (not the rounded figure shown). */
async function browserF1(page: Page): Promise<{ f1: number; shown: number }> {
  const cell = page.getByTestId('ner-scores').locator('tr[data-type=overall] td.f1').first();
  const counts = /([\d,]+) correct of ([\d,]+) predicted, ([\d,]+) in the gold/.exec((await cell.getAttribute('title')) ?? '');
  expect(counts, 'the F1 cell names its counts').not.toBeNull();
  const [tp, predicted, gold] = counts!.slice(1).map((n) => Number(n.replace(/,/g, '')));
  return { f1: (200 * tp!) / (predicted! + gold!), shown: Number(await cell.textContent()) };
}

const labUrl = (params: Record<string, string>) => `#/lab/ner?${new URLSearchParams(params).toString()}`;

/** The highlighted text as the learner reads it (without the type tags after each entity). */
function highlightedText(page: Page): Promise<string> {
  return page.getByTestId('ner-highlighted').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.tag').forEach((t) => t.remove());
    return copy.textContent ?? '';
  });
}

/** Waits until the lab shows its analysis of `text`; returns the summary line. */
async function waitForAnalysis(page: Page, text: string): Promise<string> {
  await page.getByTestId('ner-summary').waitFor({ timeout: 60_000 });
  await expect.poll(() => highlightedText(page), { timeout: 60_000 }).toBe(text);
  return (await page.getByTestId('ner-summary').textContent()) ?? '';
}

describe('Medical NER lab', () => {
  const profile = new Profile();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    await serveFixtureModels(browser.context);
  });
  afterAll(async () => {
    expectOnlyLoopback(browser);
    await browser.close();
    profile.remove();
  });

  it('tags a pasted text with the fixture model and opens the token view', async () => {
    const { page } = browser;
    const text = 'Aspirin-induced asthma 😀 in 中文 patients.';
    await open(page, baseUrl, labUrl({ model: `shipped:${FIXTURE_ID}`, text }));
    expect(await waitForAnalysis(page, text)).toMatch(/tokens in 1 window/);
    await expect.poll(() => page.locator('[role=status], [role=alert]').filter({ hasText: /Chinese, Japanese or Korean/ }).count()).toBe(1);
    await page.getByTestId('ner-toggle-tokens').click();
    const cards = page.getByTestId('ner-token-view').locator('li');
    // aspirin - induced asthma [UNK] in 中 文 patients .
    expect(await cards.count()).toBeGreaterThanOrEqual(9);
    expect(await cards.first().locator('code').textContent()).toBe('aspirin');
    expect(await cards.first().locator('svg rect').count()).toBe(5);
  });

  it('shows markup as text and never runs it', async () => {
    const { page } = browser;
    const text = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> fever after aspirin';
    await open(page, baseUrl, labUrl({ model: `shipped:${FIXTURE_ID}`, text }));
    await waitForAnalysis(page, text);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it('splits a long text into windows with progress, and cancels', async () => {
    const { page } = browser;
    await open(page, baseUrl, labUrl({ model: `shipped:${FIXTURE_ID}`, text: 'fever' }));
    await waitForAnalysis(page, 'fever');
    const long = 'Cisplatin nephrotoxicity and ototoxicity in patients with testicular cancer. '.repeat(13_000);
    await page.getByTestId('ner-text').fill(long);
    await page.getByTestId('ner-analyse').click();
    const bar = page.getByRole('progressbar', { name: 'Windows' });
    await bar.waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('aria-valuemax'))).toBeGreaterThan(1000);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.locator('[role=alert]').count()).toBe(0);
  });

  it('evaluates on a small IOB file and shows the scores of the model and the dictionary', async () => {
    const { page } = browser;
    await open(page, baseUrl, labUrl({ model: `shipped:${FIXTURE_ID}`, text: 'fever', tab: 'evaluate' }));
    await page.getByTestId('ner-model-info').waitFor({ timeout: 60_000 });
    await page.getByTestId('ner-iob-file').setInputFiles(join(ROOT, 'tests/fixtures/ner/ncbi-mini.iob.tsv'));
    await page.getByTestId('ner-evaluate').click();
    const scores = page.getByTestId('ner-scores');
    await scores.waitFor({ timeout: 60_000 });
    const diseaseRow = scores.locator('tr[data-type=Disease] td');
    expect(await diseaseRow.count()).toBe(6);
    for (const cell of await diseaseRow.allTextContents()) expect(cell).toMatch(/^\d{1,3}\.\d$/);
    // the dictionary knows "ataxia - telangiectasia" and "leukaemia" from training: it finds some
    expect(Number(await diseaseRow.nth(5).textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('ner-eval-result').textContent()).toMatch(/6 sentences/);
    await page.getByTestId('ner-mistakes').waitFor();
  });

  it('shows the labels of a model that does not use BIO tags, token by token, with a notice', async () => {
    const { page } = browser;
    const text = 'Aspirin-induced asthma in two patients.';
    await open(page, baseUrl, labUrl({ model: `shipped:${TOKEN_LABELS_ID}`, text }));
    await waitForAnalysis(page, text);
    await expect.poll(() => page.locator('[role=status], [role=alert]').filter({ hasText: /not BIO tags/ }).count()).toBe(1);
    expect(await page.getByTestId('ner-strategy').isDisabled()).toBe(true);
    await page.getByTestId('ner-toggle-tokens').click();
    const labels = await page.getByTestId('ner-token-view').locator('li .label').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(8);
    for (const label of labels) expect(TOKEN_LABELS).toContain(label);
    // one mark per token that is not O, typed by its own label
    const marks = await page.getByTestId('ner-highlighted').locator('mark').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(marks).toEqual(labels.filter((l) => l !== 'O'));
    expect(browser.errors).toEqual([]);
  });

  it('reads the int8 F1 from a model card table, whatever its layout', () => {
    const card = [
      '| epoch | devel NCBI F1 |', '|---|---|', '| 1 | 36.4 |', '',
      '| test set | F1 (int8) | precision |', '|:--|--:|--|',
      '| NCBI-disease test — Disease | 54.4 | 49.9 |',
      '|NCBI-disease test - combined|54.5|49.9|',
      '| BC5CDR test – Combined | — | 60.2 |',
    ].join('\n');
    expect(cardInt8F1(card, 'NCBI-disease test')).toBe(54.5);
    expect(() => cardInt8F1(card, 'BC5CDR test')).toThrow(/has no int8 F1/);
    expect(() => cardInt8F1(card.replace('F1 (int8)', 'F1'), 'NCBI-disease test')).toThrow(/no "NCBI-disease test — combined" row/);
  });

  // Both test sets, in one page each; BC5CDR (4,797 sentences) takes several minutes on a busy 2-core machine.
  for (const set of [
    { name: 'NCBI-disease test', sentences: 940, minutes: 5 },
    { name: 'BC5CDR test', sentences: 4797, minutes: 15 },
  ]) {
    it.skipIf(!TRAINED)(`reproduces the model card's ${set.name} F1 (int8) within 0.5 points`, async () => {
      const expected = cardInt8F1(readFileSync(join(ROOT, 'models/mini-bert-med-ner/README.md'), 'utf8'), set.name);
      const { page } = browser;
      await open(page, baseUrl, labUrl({ model: 'shipped:mini-bert-med-ner', tab: 'evaluate' }));
      await page.getByTestId('ner-model-info').waitFor({ timeout: 60_000 });
      await page.getByLabel(new RegExp(set.name)).check();
      await page.getByTestId('ner-evaluate').click();
      await expect
        .poll(() => page.getByTestId('ner-eval-result').textContent(), { timeout: (set.minutes - 1) * 60_000, interval: 2000 })
        .toMatch(new RegExp(`${set.sentences.toLocaleString('en-US')} sentences`));
      const { f1, shown } = await browserF1(page);
      const timing = await page.getByTestId('ner-eval-result').locator('p').first().textContent();
      console.log(`[ner] ${set.name}: browser F1 ${f1.toFixed(2)} (shown ${shown}), model card int8 ${expected}; ${timing}`);
      expect(Math.abs(shown - f1)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(f1 - expected)).toBeLessThanOrEqual(0.5);
    }, set.minutes * 60_000);
  }

  it.skipIf(!TRAINED)('finds diseases and chemicals with the trained model', async () => {
    const { page } = browser;
    const text = 'Cisplatin-induced nephrotoxicity was seen in two patients with breast cancer.';
    await open(page, baseUrl, labUrl({ model: 'shipped:mini-bert-med-ner', text }));
    await waitForAnalysis(page, text);
    const marks = page.getByTestId('ner-highlighted').locator('mark');
    const found = await marks.evaluateAll((els) => els.map((e) => [e.firstChild?.textContent, e.getAttribute('data-type')]));
    expect(found).toEqual(
      expect.arrayContaining([
        ['Cisplatin', 'Chemical'],
        ['nephrotoxicity', 'Disease'],
        ['breast cancer', 'Disease'],
      ]),
    );
    expect(browser.errors).toEqual([]);
  });
});
