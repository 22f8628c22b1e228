/**
 * XSS payloads (tests/robustness/payloads.ts) typed into every text input and fed through every file
 * loader stay inert. The page's CSP is switched off here (DevTools `Page.setBypassCSP`), so what is
 * tested is the app's own rendering: if any payload became markup it would run and set
 * `window.__pwned` or open a dialog. After each step the rendered DOM is also checked for event
 * handler attributes, `javascript:` links, frames and inline scripts, and no request may have
 * fetched the payloads' `src=x`. Nothing the learner typed may reach the console.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeCollectionFile } from '../../src/labs/vector-search/store/collection-file';
import { testRecord, testVectors } from '../../src/labs/vector-search/store/test-records';
import { launch, Profile, ROOT, type Browser } from './harness';
import { open } from './helpers';
import { serveFixtureModels } from '../robustness/fixture-models';
import { PERSONAL_MARKER, XSS_PAYLOADS, XSS_TEXT } from '../robustness/payloads';
import { progressExport, TempFiles } from '../robustness/progress-files';

const baseUrl = inject('baseUrl');
const TOPIC_HASH = '#/stage/3/python-basics';
const FILE_NAME_PAYLOAD = '"><img src=x onerror="window.__pwned=20">';

interface Inertness {
  pwned: unknown;
  handlers: string[];
  scriptLinks: string[];
  frames: number;
  inlineScripts: number;
}

/** What a payload would leave behind in the page if it had become markup. */
function inspect(page: Page): Promise<Inertness> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: (globalThis as { __pwned?: unknown }).__pwned ?? null,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)),
      scriptLinks: all
        .flatMap((el) => ['href', 'src', 'action', 'formaction', 'xlink:href'].map((n) => el.getAttribute(n) ?? ''))
        .filter((v) => /^\s*(javascript|data:text\/html)/i.test(v)),
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    };
  });
}

describe('security: XSS payloads stay inert', () => {
  const profile = new Profile();
  const files = new TempFiles();
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  let browser: Browser;
  let page: Page;

  async function expectInert(step: string): Promise<void> {
    expect(await inspect(page), step).toEqual({ pwned: null, handlers: [], scriptLinks: [], frames: 0, inlineScripts: 0 });
    expect(dialogs, step).toEqual([]);
    expect(browser.requests.filter((r) => /\/x(\?|$)/.test(r.url)), step).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    page = browser.page;
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Page.setBypassCSP', { enabled: true });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => consoleLines.push(m.text()));
    await serveFixtureModels(browser.context, baseUrl);
  });
  afterAll(async () => {
    await browser.close();
    profile.remove();
    files.remove();
  });

  it('lesson notes: written, previewed as Markdown, and reloaded', async () => {
    await open(page, baseUrl, TOPIC_HASH);
    await page.locator('.notes textarea').fill(`${PERSONAL_MARKER}\n\n${XSS_TEXT}`);
    await expect.poll(() => page.getByTestId('notes-status').textContent()).toContain('Saved');
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.locator('.notes .markdown').waitFor();
    expect(await page.locator('.notes .markdown').textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    await expectInert('notes preview');
    await page.reload();
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.locator('.notes .markdown').waitFor();
    await expectInert('notes preview after reload');
  });

  it('routes and query parameters: an unknown page and a lab opened with a payload in its link', async () => {
    for (const hash of [`#/stage/${encodeURIComponent(XSS_PAYLOADS[0]!)}`, `#/glossary/${encodeURIComponent(XSS_PAYLOADS[1]!)}`, `#/${XSS_PAYLOADS[5]}`]) {
      await open(page, baseUrl, hash);
      await expectInert(hash);
    }
  });

  it('NER lab: the text, its highlighted entities and token view', async () => {
    await open(page, baseUrl, '#/lab/ner?model=shipped:tiny-bert-ner&text=fever');
    await page.getByTestId('ner-summary').waitFor({ timeout: 90_000 });
    const text = `${PERSONAL_MARKER} ${XSS_TEXT} fever after aspirin`;
    await page.getByTestId('ner-text').fill(text);
    await page.getByTestId('ner-analyse').click();
    // The text as shown, less the entity labels drawn after each entity: the payloads, as typed.
    const shownText = () =>
      page.getByTestId('ner-highlighted').evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.tag').forEach((t) => t.remove());
        return copy.textContent ?? '';
      });
    await expect.poll(shownText, { timeout: 90_000 }).toContain('window.__pwned=13');
    expect(await shownText()).toBe(text);
    await page.getByTestId('ner-toggle-tokens').click();
    await expectInert('NER analysis');
  });

  it('NER lab: an evaluation file whose tokens and tags are payloads', async () => {
    const iob = XSS_PAYLOADS.flatMap((p, i) => [`${p.replace(/\s+/g, '_')}\t${i % 2 ? 'B-Disease' : 'O'}`, `fever\tB-Disease`, '']).join('\n');
    await open(page, baseUrl, '#/lab/ner?model=shipped:tiny-bert-ner&text=fever&tab=evaluate');
    await page.getByTestId('ner-model-info').waitFor({ timeout: 90_000 });
    await page.getByTestId('ner-iob-file').setInputFiles(files.write('payload.iob.tsv', iob));
    await page.getByTestId('ner-evaluate').click();
    await page.getByTestId('ner-eval-result').or(page.locator('[role=alert]')).first().waitFor({ timeout: 90_000 });
    await expectInert('NER evaluation');
  });

  it('attention lab: the sentence, the sentence pair and the model field', async () => {
    await open(page, baseUrl, '#/lab/attention?model=shipped:tiny-bert');
    await page.getByTestId('text-input').fill(XSS_PAYLOADS.slice(0, 6).join(' '));
    await page.getByTestId('pair-input').fill(XSS_PAYLOADS.slice(6).join(' '));
    await page.getByTestId('analyse').click();
    await expect.poll(() => page.locator('[data-testid=head-view] .from button').count(), { timeout: 90_000 }).toBeGreaterThan(10);
    await expectInert('attention tokens');
    await page.getByTestId('model-input').fill(XSS_PAYLOADS[0]!);
    await page.getByTestId('analyse').click();
    await page.getByTestId('problem').waitFor({ timeout: 30_000 });
    await expectInert('attention model field');
  });

  it('model manager: the Hub id field, and a folder whose name and labels are payloads', async () => {
    await open(page, baseUrl, '#/models');
    await page.getByLabel('Model id (owner/name)').fill(XSS_TEXT);
    expect(await page.getByRole('button', { name: 'Download', exact: true }).isDisabled()).toBe(true);
    const folder = files.copy(join(ROOT, 'tests/fixtures/models/tiny-bert-ner'), 'xss-model');
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as { id2label: Record<string, string> };
    config.id2label = Object.fromEntries(Object.keys(config.id2label).map((k, i) => [k, XSS_PAYLOADS[i % XSS_PAYLOADS.length]!]));
    files.write('xss-model/config.json', JSON.stringify(config));
    const odd = join(files.dir, FILE_NAME_PAYLOAD);
    mkdirSync(odd, { recursive: true });
    files.write(`${FILE_NAME_PAYLOAD}/config.json`, '{"broken": ');
    await page.getByTestId('folder-input').setInputFiles(odd);
    await page.getByTestId('import-problems').waitFor({ timeout: 60_000 });
    await expectInert('model folder with a payload name');
    await page.getByTestId('folder-input').setInputFiles(folder);
    await page.locator('[data-testid=model-card][data-model="local:xss-model"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('[data-testid=model-card][data-model="local:xss-model"]').textContent()).toContain('window.__pwned');
    await expectInert('model card with payload labels');
  });

  it('progress import: notes, experiment titles and summaries that are payloads, shown on the dashboard and the topic', async () => {
    const data = progressExport({ topics: 2, experiments: 3, tag: 'xss' });
    data.topics[0]!.key = '3/python-basics';
    data.topics[0]!.notes = XSS_TEXT;
    data.topics[0]!.notesUpdatedAt = Date.UTC(2026, 0, 2);
    data.experiments.forEach((e, i) => Object.assign(e, { title: XSS_PAYLOADS[i]!, summary: XSS_PAYLOADS[i + 3]!, input: { text: XSS_PAYLOADS[i + 6]! } }));
    await open(page, baseUrl, '#/settings');
    await page.getByTestId('import-file').setInputFiles(files.write(`${FILE_NAME_PAYLOAD}.json`, JSON.stringify(data)));
    await page.locator('input[type=radio][value=merge]').check();
    await page.getByTestId('import-confirm').click();
    await page.getByText('Progress imported.').waitFor();
    await page.getByTestId('import-file').setInputFiles(files.write(`${FILE_NAME_PAYLOAD}.txt`, XSS_TEXT));
    await page.getByTestId('import-error').waitFor();
    await expectInert('import error naming a payload file');
    await open(page, baseUrl, '#/');
    await page.getByTestId('experiment').first().waitFor();
    await expectInert('dashboard with payload experiments');
    await open(page, baseUrl, TOPIC_HASH);
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.locator('.notes .markdown').waitFor();
    await expectInert('imported notes preview');
  });

  it('vector search lab: documents, file names and a collection file that carry payloads, and the query box', async () => {
    await open(page, baseUrl, '#/lab/vector-search');
    await page.locator('[data-testid=vs-lab][data-ready=true]').waitFor({ timeout: 120_000 });
    const docs = [
      files.write(`${FILE_NAME_PAYLOAD}.txt`, `${XSS_TEXT}\n\nFever after aspirin.`),
      files.write('page.html', `<html><head><title>${XSS_PAYLOADS[1]}</title></head><body><p>${XSS_PAYLOADS[0]}</p><script>window.__pwned=30</script><p>Aspirin text.</p></body></html>`),
      files.write('rows.csv', `id,text,category\n1,"${XSS_PAYLOADS[0]!.replace(/"/g, '""')}","${XSS_PAYLOADS[2]!.replace(/"/g, '""')}"\n`),
    ];
    await page.getByRole('tab', { name: 'Collections', exact: true }).click();
    await page.getByTestId('vs-files').setInputFiles(docs);
    await page.getByTestId('vs-chunk-stats').waitFor({ timeout: 60_000 });
    await expectInert('vector search: chunk preview of payload documents');
    const record = testRecord({ name: XSS_PAYLOADS[0]!, embedded: 2, chunkCount: 2, sources: [XSS_PAYLOADS[1]!], fieldNames: ['category'] });
    const chunks = [0, 1].map((i) => ({ doc: XSS_PAYLOADS[i + 2]!, text: XSS_PAYLOADS[i + 4]!, source: XSS_PAYLOADS[i + 6]!, fields: { category: XSS_PAYLOADS[i + 8]! } }));
    const bytes = new Uint8Array(await encodeCollectionFile(record, chunks, null, testVectors(0, 2)).arrayBuffer());
    await page.getByTestId('vs-import').setInputFiles(files.write('payload.llmvec', bytes));
    await page.locator('[data-testid=vs-collection]').first().waitFor({ timeout: 60_000 });
    await expectInert('vector search: imported collection with payload names');
    await page.locator('[data-testid=vs-collection]').first().getByTestId('vs-open').click();
    await page.getByRole('tab', { name: 'Search', exact: true }).click();
    await expectInert('vector search: the opened collection');
    await page.getByTestId('vs-query').fill(XSS_TEXT);
    await expectInert('vector search: query box');
  });

  it('nothing the learner typed reached the console', () => {
    expect(consoleLines.filter((l) => l.includes(PERSONAL_MARKER))).toEqual([]);
  });
});
