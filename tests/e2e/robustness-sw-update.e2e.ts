/**
 * A new version of the app published while the learner works (the service worker script changes,
 * served through tests/robustness/update-proxy.ts): the new worker waits; "Reload" loads it at once
 * when nothing runs, but while a model job runs the reload waits, the job keeps going, and the new
 * version loads by itself when the job ends.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { launch, Profile, ROOT, waitForServiceWorker, type Browser } from './harness';
import { open } from './helpers';
import { allowOrigin } from './security-network-guard';
import { startUpdateProxy, type UpdateProxy } from '../robustness/update-proxy';

const baseUrl = inject('baseUrl');
const TINY_BERT = join(ROOT, 'tests/fixtures/models/tiny-bert');

interface JobState {
  progress: number;
  outcome: string | null;
}
type JobWindow = typeof globalThis & { __job?: JobState; __jobAbort?: AbortController; __marker?: number };

/** Publishes version `v` and waits for the app to offer it. */
async function publish(page: Page, proxy: UpdateProxy, v: number): Promise<void> {
  proxy.version = v;
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration!.update();
  });
  await page.getByText('A new version of the app is available.').waitFor({ timeout: 90_000 });
}

const updateBanner = (page: Page) => page.locator('.banner', { hasText: /new version/ });
const marked = (page: Page) => page.evaluate(() => (globalThis as JobWindow).__marker === 1).catch(() => false);

describe('robustness: an app update during a long job', () => {
  const profile = new Profile();
  let proxy: UpdateProxy;
  let undoAllow: () => void;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    proxy = await startUpdateProxy(baseUrl);
    undoAllow = allowOrigin(proxy.url);
    browser = await launch(profile, { locale: 'en-US' });
    page = browser.page;
    await open(page, `${proxy.url}?debug=1`, '#/models');
    await waitForServiceWorker(page);
  }, 240_000);
  afterAll(async () => {
    await browser.close();
    await proxy.close();
    undoAllow();
    profile.remove();
  });

  it('with nothing running, Reload loads the new version at once', async () => {
    await publish(page, proxy, 1);
    await page.evaluate(() => ((globalThis as JobWindow).__marker = 1));
    await updateBanner(page).getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(() => marked(page), { timeout: 30_000 }).toBe(false);
    await page.locator('main h1').first().waitFor();
    expect(await updateBanner(page).count()).toBe(0);
  });

  it('while a model job runs, the reload waits (the job keeps going), then happens by itself when it ends', async () => {
    await page.getByTestId('folder-input').setInputFiles(TINY_BERT);
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await page.evaluate(async () => {
      const w = globalThis as JobWindow & { __llmLab: { runtime: { load: Function; embed: Function } } };
      const rt = w.__llmLab.runtime;
      const info = await rt.load({ source: 'local', id: 'tiny-bert' }, { backend: 'wasm' });
      const job: JobState = { progress: 0, outcome: null };
      w.__job = job;
      w.__jobAbort = new AbortController();
      const texts = Array.from({ length: 200_000 }, (_, i) => `sentence ${i} about attention and transformers`);
      (rt.embed(info.handle, texts, { batchSize: 8, signal: w.__jobAbort.signal }, () => job.progress++) as Promise<unknown>).then(
        () => (job.outcome = 'done'),
        (e: { kind?: string }) => (job.outcome = e.kind ?? 'failed'),
      );
    });
    const progress = () => page.evaluate(() => (globalThis as JobWindow).__job!.progress);
    await expect.poll(progress, { timeout: 60_000 }).toBeGreaterThan(0);

    await publish(page, proxy, 2);
    await page.evaluate(() => ((globalThis as JobWindow).__marker = 1));
    await updateBanner(page).getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(() => updateBanner(page).textContent()).toContain('The new version will load when this finishes: a model job is still running.');
    const before = await progress();
    await page.waitForTimeout(3_000);
    expect(await marked(page)).toBe(true);
    expect(await progress()).toBeGreaterThan(before);
    expect(await page.evaluate(() => (globalThis as JobWindow).__job!.outcome)).toBeNull();

    await page.evaluate(() => (globalThis as JobWindow).__jobAbort!.abort());
    await expect.poll(() => marked(page), { timeout: 30_000 }).toBe(false);
    await page.locator('main h1').first().waitFor();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    expect(await updateBanner(page).count()).toBe(0);
  });
});
