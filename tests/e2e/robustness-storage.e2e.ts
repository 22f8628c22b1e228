/**
 * The fault suite for the learner's stored data, in real headless Chromium (see tests/README.md →
 * "Robustness and security"): damaged records, a full disk (a small quota through DevTools) while
 * writing notes, importing progress, embedding a collection and caching a model, a tab and a whole
 * browser killed in the middle of a multi-record write, a newer app version upgrading the database
 * under an open tab, and IndexedDB missing or refusing to open.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, Profile, ROOT, type Browser } from './harness';
import { answerQuiz, exportProgress, open, readQuiz } from './helpers';
import { holdMidWrite, killBrowser, killRenderers, within } from '../robustness/crash';
import { installStores, withStores } from '../robustness/in-page';
import { progressExport, TempFiles } from '../robustness/progress-files';
import { quotaControl } from '../robustness/quota';
import { statSync } from 'node:fs';
import { join } from 'node:path';

const baseUrl = inject('baseUrl');
const origin = new URL(baseUrl).origin;
const TOPIC = { stage: 3, slug: 'python-basics' };
const TOPIC_HASH = `#/stage/${TOPIC.stage}/${TOPIC.slug}`;
const TINY_BERT = join(ROOT, 'tests/fixtures/models/tiny-bert');

async function importProgress(page: Page, file: string, mode: 'merge' | 'replace'): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(file);
  await page.locator(`input[type=radio][value=${mode}]`).check();
  await page.getByTestId('import-confirm').click();
}

/** Random letters: text that storage cannot compress away. */
function incompressibleText(n: number, seed = 1): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += String.fromCharCode(97 + ((x >>> 16) % 26));
  }
  return s;
}

/**
 * Chromium for this suite, with the app's service worker kept out (as in vector-search.e2e.ts): its precache
 * writes tens of MB into Cache Storage in the background, which moves the usage a small quota is set from
 * (tests/robustness/quota.ts), and its renderer is among those the kill test ends. None of the cases is about it.
 */
async function launchWithoutServiceWorker(profile: Profile): Promise<Browser> {
  const b = await launch(profile, { locale: 'en-US' });
  await b.context.addInitScript(() => {
    delete (Navigator.prototype as unknown as Record<string, unknown>).serviceWorker;
  });
  return b;
}

describe('robustness: stored data under faults', () => {
  const profile = new Profile();
  const files = new TempFiles();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchWithoutServiceWorker(profile);
    page = browser.page;
  });
  afterAll(async () => {
    await browser.close();
    profile.remove();
    files.remove();
  });

  it('a full disk while saving notes: a clear message, earlier progress intact, saving works again once there is room', async () => {
    await open(page, baseUrl, TOPIC_HASH);
    await answerQuiz(page, readQuiz(TOPIC.stage, TOPIC.slug));
    await page.getByTestId('best-score').waitFor();
    const quota = await quotaControl(page, baseUrl);
    const headroom = 8_000;
    const { indexedDB } = await quota.limit(headroom, `${baseUrl}${TOPIC_HASH}`);
    const note = `# Long note\n${incompressibleText(190_000)}`;
    try {
      await page.locator('.notes textarea').fill(note);
      await expect.poll(() => page.getByTestId('notes-status').textContent(), { timeout: 20_000 }).toContain('Could not save');
      expect(await page.getByTestId('storage-full').textContent()).toMatch(/storage is full/);
    } finally {
      await quota.reset();
    }
    // One byte a letter: more than any room the limit can have left (tests/robustness/quota.ts).
    expect(note.length).toBeGreaterThan(headroom + indexedDB);
    await page.locator('.notes textarea').fill(`${note}\nagain`);
    await expect.poll(() => page.getByTestId('notes-status').textContent(), { timeout: 20_000 }).toContain('Saved');
    await page.reload();
    await expect.poll(() => page.locator('.notes textarea').inputValue()).toBe(`${note}\nagain`);
    expect(await page.getByTestId('best-score').textContent()).toContain('100%');
  });

  it('a full disk during a progress import: the import fails whole with a message, nothing changes, and it succeeds later', async () => {
    await open(page, baseUrl, '#/settings');
    const before = await exportProgress(page);
    const file = files.write('big-progress.json', JSON.stringify(progressExport({ topics: 300, experiments: 300, notesChars: 2_000, tag: 'quota' })));
    const quota = await quotaControl(page, baseUrl);
    await quota.limit(8_000, `${baseUrl}#/settings`);
    try {
      await importProgress(page, file, 'merge');
      await page.getByText(/Import failed, nothing was changed: .*storage is full/).waitFor({ timeout: 30_000 });
    } finally {
      await quota.reset();
    }
    expect(await exportProgress(page)).toEqual(before);
    await importProgress(page, file, 'merge');
    await page.getByText('Progress imported.').waitFor({ timeout: 30_000 });
    expect(((await exportProgress(page)).topics as unknown[]).length).toBe(301);
  });

  it('a full disk while embedding a collection: the batch fails whole as "quota", stored batches stay readable, embedding resumes at the marker', async () => {
    await open(page, baseUrl, '#/about');
    const quota = await quotaControl(page, baseUrl);
    const dim = 1_024;
    await withStores(page, async (api, { dim }) => {
      const store = new api.VectorStore();
      const record = api.testRecord({ id: 'quota-c', docCount: 2_000, chunkCount: 2_000, blockSize: 256, model: { ...api.testRecord().model, dim } });
      await store.createCollection({ record, chunks: api.testChunks(2_000) });
      await store.close();
    }, { dim });
    // Room for one batch of 100 vectors (400 kB), not for the next of 1,900 (7.8 MB): that batch must fail whole.
    const headroom = 600_000;
    const { indexedDB } = await quota.limit(headroom, `${baseUrl}#/about`);
    const run = await withStores(page, async (api, { dim }) => {
      const store = new api.VectorStore();
      const outcomes: string[] = [];
      let at = 0;
      for (const n of [100, 1_900]) {
        try {
          await store.appendVectors('quota-c', at, api.seededVectors(7, at, n, dim));
          at += n;
          outcomes.push('stored');
        } catch (e) {
          outcomes.push(e instanceof api.VectorStoreError ? `${e.code}: ${e.message}` : `unexpected: ${String(e)}`);
        }
      }
      const { record, vectors } = await store.loadVectors('quota-c');
      await store.close();
      return { outcomes, embedded: record.embedded, intact: api.matchesSeeded(vectors, 7, record.embedded, dim) };
    }, { dim }).finally(() => quota.reset());
    // Even if IndexedDB gave back all it held (tests/robustness/quota.ts), the 7.8 MB would not have fitted.
    expect(1_900 * dim * 4).toBeGreaterThan(headroom + indexedDB);
    expect(run).toEqual({ outcomes: ['stored', 'quota: storage is full while saving vectors'], embedded: 100, intact: true });
    const resumed = await withStores(page, async (api, { dim }) => {
      const store = new api.VectorStore();
      let at = (await store.getCollection('quota-c')).embedded;
      while (at < 2_000) {
        await store.appendVectors('quota-c', at, api.seededVectors(7, at, 100, dim));
        at += 100;
      }
      const { record, vectors } = await store.loadVectors('quota-c');
      await store.deleteCollection('quota-c');
      await store.close();
      return { embedded: record.embedded, intact: api.matchesSeeded(vectors, 7, 2_000, dim) };
    }, { dim });
    expect(resumed).toEqual({ embedded: 2_000, intact: true });
  });

  it('a full disk while caching a model: the import says the browser has no room, nothing is stored, and it works with room', async () => {
    await open(page, baseUrl, '#/models');
    const cards = page.getByTestId('model-card');
    const folder = files.copy(TINY_BERT, 'quota-model');
    const listed = await cards.count();
    const quota = await quotaControl(page, baseUrl);
    const headroom = 100_000;
    const { indexedDB } = await quota.limit(headroom, `${baseUrl}#/models`);
    try {
      await page.getByTestId('folder-input').setInputFiles(folder);
      await page.getByTestId('import-problems').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('import-problems').textContent()).toMatch(/no room left to store local:quota-model .*Nothing was saved/);
      expect(await cards.count()).toBe(listed);
    } finally {
      await quota.reset();
    }
    // The graph alone is more than any room the limit can have left (tests/robustness/quota.ts).
    expect(statSync(join(folder, 'onnx/model.onnx')).size).toBeGreaterThan(headroom + indexedDB);
    await page.getByTestId('folder-input').setInputFiles(folder);
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=model-card][data-model="local:quota-model"]').waitFor();
  });

  it('damaged progress records are reported and skipped; the rest loads', async () => {
    await open(page, baseUrl, TOPIC_HASH);
    await answerQuiz(page, readQuiz(TOPIC.stage, TOPIC.slug));
    await page.getByTestId('best-score').waitFor();
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open('llm-learning-lab');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const tx = db.transaction(['topics', 'notes', 'experiments'], 'readwrite');
      tx.objectStore('topics').put({ key: '2/transformer', status: 42, quizAttempts: 'many' });
      tx.objectStore('notes').put({ key: '1/ai-evolution', markdown: 12345, updatedAt: 'yesterday' });
      tx.objectStore('experiments').put({ id: 'broken', labId: 'attention' });
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    });
    await page.reload();
    await page.getByTestId('storage-damaged').waitFor();
    expect(await page.getByTestId('storage-damaged').textContent()).toContain('3 saved records were damaged and skipped');
    expect(await page.getByTestId('best-score').textContent()).toContain('100%');
    const exported = await (async () => {
      await open(page, baseUrl, '#/settings');
      return exportProgress(page);
    })();
    const keys = (exported.topics as { key: string }[]).map((t) => t.key);
    expect(keys).toContain(`${TOPIC.stage}/${TOPIC.slug}`);
    expect(keys).not.toContain('2/transformer');
    expect((exported.experiments as { id: string }[]).map((e) => e.id)).not.toContain('broken');
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('a damaged model record is skipped: the model manager still lists the others', async () => {
    await open(page, baseUrl, '#/models');
    await page.getByTestId('folder-input').setInputFiles(TINY_BERT);
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open('llm-lab-models');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const tx = db.transaction('models', 'readwrite');
      tx.objectStore('models').put({ key: 'local:broken', files: 'none' });
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    });
    await page.reload();
    await page.locator('[data-testid=model-card][data-model="local:tiny-bert"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=model-card][data-model="local:broken"]').count()).toBe(0);
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('a tab killed in the middle of an embedding batch: the marker and the stored vectors agree, and embedding resumes', async () => {
    await open(page, baseUrl, '#/about');
    const dim = 64;
    await withStores(page, async (api, { dim }) => {
      const store = new api.VectorStore();
      const record = api.testRecord({ id: 'crash-c', docCount: 1_000, chunkCount: 1_000, blockSize: 64, model: { ...api.testRecord().model, dim } });
      await store.createCollection({ record, chunks: api.testChunks(1_000) });
      for (let at = 0; at < 400; at += 100) await store.appendVectors('crash-c', at, api.seededVectors(3, at, 100, dim));
      await store.close();
    }, { dim });
    const crashEvent = new Promise<string>((ok) => page.once('crash', () => ok('crashed')));
    const { frozen } = await holdMidWrite(page, 'vectors', 2);
    const stuck = withStores(page, async (api, { dim }) => new api.VectorStore().appendVectors('crash-c', 400, api.seededVectors(3, 400, 100, dim)), { dim }).catch(() => 'crashed');
    try {
      await within(frozen, 30_000, 'the page did not freeze in the middle of the batch');
      expect(killRenderers(profile.dir)).toBeGreaterThan(0);
      // A page opened before this event hung in 5 of 21 runs (tests/robustness/crash.ts).
      await within(crashEvent, 30_000, 'the killed tab did not report a crash');
    } finally {
      page = await browser.context.newPage();
    }
    // Playwright does not always settle an evaluate whose renderer died (microsoft/playwright#13253): the crash event counts too.
    expect(await within(Promise.race([stuck, crashEvent]), 30_000, 'the killed tab neither crashed nor finished')).toBe('crashed');
    await open(page, baseUrl, '#/about');
    const after = await withStores(page, async (api, { dim }) => {
      const store = new api.VectorStore();
      const crashed = await store.loadVectors('crash-c');
      const result = { embedded: crashed.record.embedded, intact: api.matchesSeeded(crashed.vectors, 3, crashed.record.embedded, dim) };
      for (let at = crashed.record.embedded; at < 1_000; at += 100) await store.appendVectors('crash-c', at, api.seededVectors(3, at, 100, dim));
      const done = await store.loadVectors('crash-c');
      await store.deleteCollection('crash-c');
      await store.close();
      return { ...result, resumed: done.record.embedded, resumedIntact: api.matchesSeeded(done.vectors, 3, 1_000, dim) };
    }, { dim });
    expect(after).toEqual({ embedded: 400, intact: true, resumed: 1_000, resumedIntact: true });
  });

  it('the browser killed in the middle of a progress import: after a relaunch the progress is exactly as before, and the import runs again', async () => {
    await open(page, baseUrl, '#/settings');
    const before = await exportProgress(page);
    const big = progressExport({ topics: 400, experiments: 400, notesChars: 500, tag: 'crash' });
    const file = files.write('crash-progress.json', JSON.stringify(big));
    const { frozen } = await holdMidWrite(page, 'experiments', 200);
    await page.getByTestId('import-file').setInputFiles(file);
    await page.locator('input[type=radio][value=replace]').check();
    const clicked = page.getByTestId('import-confirm').click().catch(() => 'the page froze mid-click');
    await frozen;
    await killBrowser(browser.context, profile.dir);
    await clicked;
    browser = await launchWithoutServiceWorker(profile);
    page = browser.page;
    await open(page, baseUrl, '#/settings');
    expect(await exportProgress(page)).toEqual(before);
    await importProgress(page, file, 'replace');
    await page.getByText('Progress imported.').waitFor({ timeout: 60_000 });
    const after = await exportProgress(page);
    expect((after.topics as unknown[]).length).toBe(400);
    expect((after.experiments as unknown[]).length).toBe(400);
  }, 180_000);

  it('a newer app version upgrading the database while this tab is open: no deadlock, this tab stops saving and says why, nothing is lost', async () => {
    await open(page, baseUrl, '#/settings');
    const topicsBefore = (await exportProgress(page)).topics as { key: string; notes: string }[];
    const notesBefore = topicsBefore.filter((t) => t.notes !== '' && t.key !== `${TOPIC.stage}/${TOPIC.slug}`).length + 1;
    await open(page, baseUrl, TOPIC_HASH);
    const saved = 'Saved before the upgrade';
    await page.locator('.notes textarea').fill(saved);
    await expect.poll(() => page.getByTestId('notes-status').textContent()).toContain('Saved');
    // The newer version runs in a second tab, on a page of the origin that is not the app.
    const newer = await browser.context.newPage();
    await newer.goto(`${baseUrl}manifest.webmanifest`);
    await installStores(newer);
    const upgrade = await withStores(newer, async (api) => {
      const start = performance.now();
      const db = await api.openAsNewerApp();
      const notes = (await db.getAll('notes')).map((n) => n.markdown);
      const version = db.version;
      db.close();
      return { version, notes, ms: performance.now() - start, appVersion: api.appDbVersion };
    }, null);
    expect(upgrade.version).toBe(upgrade.appVersion + 1);
    expect(upgrade.notes).toContain(saved);
    expect(upgrade.notes.length).toBe(notesBefore);
    expect(upgrade.ms).toBeLessThan(15_000);
    await page.getByTestId('storage-closed').waitFor();
    expect(await page.getByTestId('storage-closed').textContent()).toContain('The app was updated in another tab');
    await page.locator('.notes textarea').fill(`${saved} — and after`);
    await expect.poll(() => page.getByTestId('notes-status').textContent()).toContain('Could not save');
    // This tab reloads into its (older) version: it cannot open the newer database, says so, and leaves it alone.
    await page.reload();
    await page.getByText(/does not let the app store data/).waitFor();
    await newer.close();
    const kept = await (async () => {
      const check = await browser.context.newPage();
      await check.goto(`${baseUrl}manifest.webmanifest`);
      const v = await withStores(check, async (api) => {
        const db = await api.openAsNewerApp();
        const notes = (await db.getAll('notes')).map((n) => n.markdown);
        db.close();
        await new Promise<void>((ok, ko) => {
          const r = indexedDB.deleteDatabase('llm-learning-lab');
          r.onsuccess = () => ok();
          r.onerror = () => ko(r.error);
        });
        return notes;
      }, null);
      await check.close();
      return v;
    })();
    expect(kept).toEqual(upgrade.notes);
  });

  it('IndexedDB refusing to open, or missing: the app runs in memory and says progress will not be kept', async () => {
    for (const breakIt of [
      () => Object.defineProperty(IDBFactory.prototype, 'open', { value: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } }),
      () => Object.defineProperty(window, 'indexedDB', { value: undefined }),
    ]) {
      const p = await browser.context.newPage();
      await p.addInitScript(breakIt);
      const errorsBefore = browser.errors.length;
      await open(p, baseUrl, TOPIC_HASH);
      await p.getByText(/does not let the app store data/).waitFor();
      await answerQuiz(p, readQuiz(TOPIC.stage, TOPIC.slug));
      await expect.poll(() => p.getByTestId('quiz-score').textContent()).toMatch(/\d+ \/ \d+/);
      await p.locator('.notes textarea').fill('kept in memory');
      await expect.poll(() => p.getByTestId('notes-status').textContent()).toContain('Saved');
      await open(p, baseUrl, '#/models');
      await open(p, baseUrl, '#/');
      expect(browser.errors.slice(errorsBefore).filter((e) => e.startsWith('pageerror'))).toEqual([]);
      await p.close();
    }
  });
});
