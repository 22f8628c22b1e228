/**
 * The Attention lab in headless Chromium, on the real worker runtime.
 *
 * Test models are served as if shipped (added to /models/manifest.json by a route, files read from
 * tests/fixtures): `tiny-bert` (attentions.* outputs, plus the fill-mask graph of the same weights and a
 * masked-LM config from tests/fixtures/attention/tiny-bert-mlm), `tiny-bert-noattn` (same weights, exported without attentions:
 * the lab gets them by graph surgery) and `fused-bert` (attention inside one com.microsoft Attention node).
 * A fresh profile is never controlled by the service worker (it registers with registerType "prompt"), so
 * the worker's fetches reach the route; the test never reloads the page.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, Profile, ROOT, type Browser } from './harness';
import { expectOnlyLoopback } from './helpers';

const baseUrl = inject('baseUrl');

const TINY = 'tests/fixtures/models/tiny-bert';
const common = (dir: string) => ({ 'config.json': `${dir}/config.json`, 'tokenizer.json': `${dir}/tokenizer.json`, 'tokenizer_config.json': `${dir}/tokenizer_config.json` });
const FIXTURE_MODELS: Record<string, Record<string, string>> = {
  'tiny-bert': {
    ...common(TINY),
    'config.json': 'tests/fixtures/attention/tiny-bert-mlm/config.json',
    'onnx/model.onnx': `${TINY}/onnx/model.onnx`,
    'onnx/model_quantized.onnx': `${TINY}/onnx/model_quantized.onnx`,
    'onnx/model_mlm_quantized.onnx': 'tests/fixtures/attention/tiny-bert-mlm/onnx/model_mlm_quantized.onnx',
  },
  'tiny-bert-noattn': {
    ...common('tests/fixtures/models/tiny-bert-noattn'),
    'onnx/model.onnx': 'tests/fixtures/models/tiny-bert-noattn/onnx/model.onnx',
    'onnx/model_quantized.onnx': 'tests/fixtures/models/tiny-bert-noattn/onnx/model_quantized.onnx',
  },
  'fused-bert': { ...common('tests/fixtures/attention/fused-bert'), 'onnx/model.onnx': 'tests/fixtures/attention/fused-bert/onnx/model.onnx' },
};

async function serveFixtureModels(browser: Browser): Promise<void> {
  await browser.context.route(`${baseUrl}models/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/models\//, '');
    if (path === 'manifest.json') {
      const shipped = (await (await route.fetch()).json()) as { models: unknown[] };
      const added = Object.entries(FIXTURE_MODELS).map(([id, files]) => {
        const list = Object.entries(files).map(([p, disk]) => ({ path: p, size: statSync(join(ROOT, disk)).size }));
        return { id, files: list, totalBytes: list.reduce((s, f) => s + f.size, 0) };
      });
      return route.fulfill({ json: { models: [...shipped.models, ...added] } });
    }
    const [id, ...rest] = path.split('/');
    const disk = FIXTURE_MODELS[id!]?.[rest.join('/')];
    if (!disk) return route.fallback();
    return route.fulfill({ body: readFileSync(join(ROOT, disk)), headers: { 'Cross-Origin-Resource-Policy': 'same-origin', 'Content-Type': 'application/octet-stream' } });
  });
}

const fromTokens = (page: Page) => page.locator('[data-testid=head-view] .from button').allTextContents();
const toTokens = (page: Page) => page.locator('[data-testid=head-view] .to button').allTextContents();
const strokes = (page: Page) => page.locator('[data-testid=head-view] svg path').evaluateAll((ps) => ps.map((p) => `${p.getAttribute('stroke')} ${p.getAttribute('d')}`));
/** The head view's lines as [left y, right y] pairs (SVG renderer: `M0 y₁L180 y₂` per line). */
const lineEnds = async (page: Page) => (await strokes(page)).flatMap((s) => [...s.matchAll(/M0 ([\d.]+)L180 ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]));

/** Opens the lab on `model`, types `text` (and `textPair`) and waits until the head view shows the model's tokens. */
async function analyse(page: Page, model: string, text: string, lastToken: string, textPair = ''): Promise<void> {
  await page.goto(`${baseUrl}#/lab/attention?model=${encodeURIComponent(model)}&text=${encodeURIComponent(text)}&textPair=${encodeURIComponent(textPair)}`);
  await page.getByTestId('text-input').fill(text);
  await page.getByTestId('pair-input').fill(textPair);
  await page.getByTestId('analyse').click();
  await expect.poll(async () => (await fromTokens(page)).at(-2), { timeout: 60_000 }).toBe(lastToken);
  await expect.poll(() => page.getByTestId('analyse').isEnabled()).toBe(true);
}

/**
 * Every head of every layer (tiny-bert: 2 × 2) as the matrix view exports it: one SVG cell per (query, key)
 * with fill-opacity = weight ÷ the head's largest weight, to 3 decimals.
 */
async function headFingerprints(page: Page): Promise<number[][]> {
  await page.getByRole('tab', { name: 'Matrix view' }).click();
  await page.getByLabel('Show', { exact: true }).selectOption({ value: 'head' });
  const out: number[][] = [];
  for (const layer of ['0', '1']) {
    await page.getByTestId('layer-select').selectOption({ value: layer });
    for (const head of ['0', '1']) {
      await page.getByLabel('Head', { exact: true }).selectOption({ value: head });
      const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
      const text = readFileSync((await svg.path())!, 'utf8');
      expect(text).toContain(`Attention matrix: Layer ${Number(layer) + 1}, head ${Number(head) + 1} (`);
      out.push([...text.matchAll(/fill-opacity="([\d.]+)"/g)].map((m) => Number(m[1])));
    }
  }
  await page.getByRole('tab', { name: 'Head view' }).click();
  return out;
}

const maxDifference = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

describe('attention lab', () => {
  const profile = new Profile();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    page = browser.page;
    await serveFixtureModels(browser);
  });
  afterAll(async () => {
    expectOnlyLoopback(browser);
    await browser.close();
    profile.remove();
  });

  it('shows a precomputed example at once, then the typed sentence’s tokens in the head view', async () => {
    await page.goto(`${baseUrl}#/lab/attention?model=shipped:tiny-bert`);
    await expect.poll(() => fromTokens(page), { timeout: 20_000 }).toContain('animal');
    await analyse(page, 'shipped:tiny-bert', 'The cat sat on the mat', 'mat');
    expect(await fromTokens(page)).toEqual(['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat', '[SEP]']);
    expect(await page.locator('[data-testid=head-view] .to button').allTextContents()).toEqual(['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat', '[SEP]']);
    expect(browser.errors).toEqual([]);
  });

  it('toggling a head changes the drawing; hovering a token isolates its lines', async () => {
    const before = await strokes(page);
    const colours = new Set(before.map((s) => s.split(' ')[0]));
    expect(colours.size).toBe(2);
    await page.getByRole('button', { name: 'Show or hide head 2' }).click();
    const after = await strokes(page);
    expect(after).not.toEqual(before);
    expect(new Set(after.map((s) => s.split(' ')[0])).size).toBe(1);
    await page.getByRole('button', { name: 'Show or hide head 2' }).click();
    await page.locator('[data-testid=head-view] .from button').nth(2).hover();
    const isolated = await strokes(page);
    // every line now starts at the hovered row (row 2, y = 2.5 × 22 px)
    expect(isolated.every((s) => [...s.matchAll(/M0 ([\d.]+)/g)].every((m) => m[1] === '55'))).toBe(true);
    // the other direction: a token on the right isolates the lines that end at it (row 6, y = 6.5 × 22 px)
    await page.locator('[data-testid=head-view] .to button').nth(6).hover();
    const into = await lineEnds(page);
    expect(into.length).toBeGreaterThan(0);
    expect(into.every(([, right]) => right === 143)).toBe(true);
    expect(new Set(into.map(([left]) => left)).size).toBeGreaterThan(1);
    const timings = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name));
    expect(timings).toEqual(expect.arrayContaining(['attention:head-view', 'attention:hover']));
    // keyboard: a token takes focus (isolating its lines) and Enter pins / unpins it
    const sat = page.locator('[data-testid=head-view] .from button').nth(3);
    await sat.focus();
    await page.keyboard.press('Enter');
    expect(await sat.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await sat.getAttribute('aria-pressed')).toBe('false');
  });

  it('the model view opens the head view at the clicked layer and head', async () => {
    await page.getByRole('tab', { name: 'Model view' }).click();
    await page.getByRole('button', { name: 'Open layer 2, head 1 in the head view' }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Head view');
    expect(await page.getByTestId('layer-select').inputValue()).toBe('1');
    expect(await page.getByRole('button', { name: 'Show or hide head 1' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Show or hide head 2' }).getAttribute('aria-pressed')).toBe('false');
    expect(new Set((await strokes(page)).map((s) => s.split(' ')[0])).size).toBe(1);
  });

  it('masking a token lists the model’s top guesses and the attention change', async () => {
    await page.getByTestId('mask-panel').getByRole('combobox').selectOption({ label: '2: cat' });
    await page.getByRole('button', { name: 'Mask it' }).click();
    const items = page.locator('[data-testid=mask-predictions] li');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(8);
    const percents = (await page.locator('[data-testid=mask-predictions] .pct').allTextContents()).map((p) => parseFloat(p));
    expect(percents.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect([...percents].sort((a, b) => b - a)).toEqual(percents);
    await expect.poll(() => page.getByTestId('mask-diff').isVisible()).toBe(true);
  });

  it('exports the head view as a PNG and an SVG', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toBe('attention-head-layer2.png');
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(200);
    expect(height).toBeGreaterThan(200);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const text = readFileSync((await svg.path())!, 'utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('>mat</text>');
    expect(text).toContain('prefers-color-scheme: dark');
    // the model view's thumbnails are canvases: its PNG comes out too, not a tainted canvas
    await page.getByRole('tab', { name: 'Model view' }).click();
    const [grid] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(grid.suggestedFilename()).toBe('attention-model-layer2.png');
    expect(readFileSync((await grid.path())!).readUInt32BE(16)).toBeGreaterThan(200);
    await page.getByRole('tab', { name: 'Head view' }).click();
  });

  it('saves the view and reopens it exactly from ?experiment=', async () => {
    await page.getByLabel('Hide [CLS]/[SEP]').check();
    await page.locator('[data-testid=head-view] .to button', { hasText: 'cat' }).click();
    await page.getByTestId('save-view').click();
    const link = page.getByTestId('saved-link');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^#\/lab\/attention\?experiment=/);
    await page.goto(`${baseUrl}#/path`);
    await page.locator('main h1').waitFor();
    await page.goto(`${baseUrl}${href}`);
    await expect.poll(() => fromTokens(page), { timeout: 60_000 }).toEqual(['the', 'cat', 'sat', 'on', 'the', 'mat']);
    expect(await page.getByTestId('layer-select').inputValue()).toBe('1');
    expect(await page.getByRole('button', { name: 'Show or hide head 2' }).getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByLabel('Hide [CLS]/[SEP]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid=head-view] .to button[aria-pressed=true]').textContent()).toBe('cat');
    expect(await page.getByTestId('model-input').inputValue()).toBe('shipped:tiny-bert');
  });

  it('a sentence pair: the pair filter and [CLS]/[SEP] hiding pick the lines; the matrix view reads cells against its legend', async () => {
    await analyse(page, 'shipped:tiny-bert', 'the cat sat', 'mat', 'on the mat');
    expect(await fromTokens(page)).toEqual(['[CLS]', 'the', 'cat', 'sat', '[SEP]', 'on', 'the', 'mat', '[SEP]']);
    await page.getByLabel('Sentence pair', { exact: true }).selectOption({ label: 'A → B' });
    expect(await fromTokens(page)).toEqual(['[CLS]', 'the', 'cat', 'sat', '[SEP]']);
    expect(await toTokens(page)).toEqual(['on', 'the', 'mat', '[SEP]']);
    await page.getByLabel('Hide [CLS]/[SEP]').check();
    expect(await fromTokens(page)).toEqual(['the', 'cat', 'sat']);
    expect(await toTokens(page)).toEqual(['on', 'the', 'mat']);
    // rows and columns at y = 11, 33, 55; the fixture's random weights give near-uniform attention (every weight
    // ≥ 1/64 is drawn), so each of the 2 heads joins every shown row to every shown column: 2 × 3 × 3 lines
    const ends = await lineEnds(page);
    expect(ends).toHaveLength(18);
    expect(new Set(ends.flat())).toEqual(new Set([11, 33, 55]));

    await page.getByRole('tab', { name: 'Matrix view' }).click();
    await page.getByLabel('Renormalise the rest').check();
    const map = page.getByTestId('matrix-view');
    const readout = page.locator('[data-testid=matrix-view] + output');
    const cell = async () => {
      const m = /^(.+) → (.+): (\d\.\d{3})$/.exec((await readout.textContent())!.trim());
      expect(m).not.toBeNull();
      return { from: m![1], to: m![2], value: Number(m![3]) };
    };
    // pointer: 84 px of labels, then 24 px cells (3 tokens)
    await map.hover({ position: { x: 84 + 12, y: 84 + 24 + 12 } });
    expect(await cell()).toMatchObject({ from: 'cat', to: 'on' });
    // keyboard: the cursor starts at the top left; ↓ then → → reads the rest of the row of 'cat'
    await page.mouse.move(0, 0);
    await map.focus();
    const row = [];
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight']) {
      await page.keyboard.press(key);
      row.push(await cell());
    }
    expect(row.map((c) => `${c.from}→${c.to}`)).toEqual(['cat→on', 'cat→the', 'cat→mat']);
    // renormalised over the shown columns, the row is a distribution again (3 values rounded to 0.001)
    expect(Math.abs(row.reduce((s, c) => s + c.value, 0) - 1)).toBeLessThanOrEqual(0.002);
    const legend = await page.locator('figure.legend svg').first().getAttribute('aria-label');
    const top = Number(/^Attention weight: 0\.00 … (\d\.\d\d)$/.exec(legend!)![1]);
    expect(top).toBeGreaterThanOrEqual(Math.max(...row.map((c) => c.value)) - 0.005);
    expect(top).toBeLessThanOrEqual(1);

    // attention received: the shown columns' means over the shown rows, which sum to 1 once rows are renormalised
    const received = await page.locator('[data-testid=received-chart] text').allTextContents();
    expect(received.filter((_, k) => k % 2 === 0)).toEqual(['on', 'the', 'mat']);
    expect(Math.abs(received.filter((_, k) => k % 2 === 1).reduce((s, v) => s + Number(v), 0) - 1)).toBeLessThanOrEqual(0.002);

    // head entropy: one cell per layer × head of the whole input (9 tokens), bits ≤ log₂ 9, and the share of
    // that maximum it states agrees with its bits; a click opens that head in the head view
    const entropy = await page.locator('[data-testid=entropy-grid] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')!));
    expect(entropy).toHaveLength(4);
    for (const label of entropy) {
      const [, bits, pct] = /^Layer \d, head \d: (\d\.\d\d) bits \((\d+)% of the maximum\)$/.exec(label)!;
      expect(Number(bits)).toBeLessThanOrEqual(Math.log2(9) + 0.005);
      expect(Math.abs(Number(pct) - (100 * Number(bits)) / Math.log2(9))).toBeLessThanOrEqual(1);
    }
    await page.getByRole('button', { name: /^Layer 2, head 2: / }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Head view');
    expect(await page.getByTestId('layer-select').inputValue()).toBe('1');
    expect(await page.getByRole('button', { name: 'Show or hide head 1' }).getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByRole('button', { name: 'Show or hide head 2' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('draws long inputs on a canvas and says when the input was truncated', async () => {
    const long = Array.from({ length: 70 }, () => 'the cat').join(' ');
    await analyse(page, 'shipped:tiny-bert', long, 'cat');
    expect(await page.getByTestId('truncated').textContent()).toContain('142 tokens');
    expect(await page.getByTestId('truncated').textContent()).toContain('at most 128');
    expect(await page.getByTestId('head-view').getAttribute('data-renderer')).toBe('canvas');
  });

  it('gets attention from a model exported without it, by graph surgery, identical to the export with it', async () => {
    await analyse(page, 'shipped:tiny-bert', 'attention is all you need', 'need');
    const withOutputs = await headFingerprints(page);
    // the fingerprints tell every layer and head apart (by ≥ 0.02 somewhere), so a surgery that exposed
    // the wrong Softmax, or the right ones in the wrong order, could not match within the 0.002 below
    for (let a = 0; a < withOutputs.length; a++) {
      for (let b = a + 1; b < withOutputs.length; b++) expect(maxDifference(withOutputs[a]!, withOutputs[b]!)).toBeGreaterThan(0.01);
    }
    await analyse(page, 'shipped:tiny-bert-noattn', 'attention is all you need', 'need');
    expect(await page.getByTestId('problem').count()).toBe(0);
    const bySurgery = await headFingerprints(page);
    expect(bySurgery.map((f) => f.length)).toEqual(withOutputs.map((f) => f.length));
    bySurgery.forEach((f, k) => expect(maxDifference(f, withOutputs[k]!)).toBeLessThanOrEqual(0.002));
  });

  it('says so when a model has no attention outputs and no visible Softmax (fused attention)', async () => {
    await page.goto(`${baseUrl}#/lab/attention?model=shipped:fused-bert&text=hello`);
    await expect.poll(() => page.getByTestId('problem').textContent(), { timeout: 60_000 }).toContain('does not expose attention');
    expect(await page.getByTestId('problem').textContent()).toContain('com.microsoft.Attention');
  });

  it.skipIf(!existsSync(join(ROOT, 'models/mini-bert-zh-en/config.json')))('runs the shipped mini-bert-zh-en by default, fill-mask included', async () => {
    await page.goto(`${baseUrl}#/lab/attention?preset=mask`);
    await expect.poll(() => page.locator('[data-testid=mask-predictions] li').count(), { timeout: 90_000 }).toBe(8);
    expect(await page.getByTestId('model-input').inputValue()).toBe('shipped:mini-bert-zh-en');
    expect(browser.errors).toEqual([]);
  });
});
