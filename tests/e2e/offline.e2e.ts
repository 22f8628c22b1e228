import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, waitForServiceWorker, type Browser } from './harness';
import { expectOnlyLoopback, open } from './helpers';

const baseUrl = inject('baseUrl');

describe('offline', () => {
  const profile = new Profile();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(profile);
  });
  afterAll(async () => {
    await browser.context.setOffline(false);
    expectOnlyLoopback(browser);
    await browser.close();
    profile.remove();
  });

  it('after the first visit, the app reloads and opens a lesson with the network off', async () => {
    const { page, context } = browser;
    await open(page, baseUrl, '#/');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.goto(`${baseUrl}#/stage/1/ai-evolution`);
    await page.locator('main article.lesson h1').waitFor({ timeout: 20_000 });
    expect(await page.locator('main article.lesson h1').textContent()).toBe('人工智能演进与大模型兴起');
    await page.goto(`${baseUrl}#/stage/5/rag`);
    await page.locator('main article.lesson h1').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  });
});
