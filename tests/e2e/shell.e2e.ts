import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, Profile, ROOT, type Browser } from './harness';
import { expectOnlyLoopback, open } from './helpers';

const baseUrl = inject('baseUrl');
const curriculum = JSON.parse(readFileSync(join(ROOT, 'src/content/curriculum.json'), 'utf8')) as {
  stages: { n: number; topics: { slug: string; title: { zh: string; en: string } }[] }[];
  labs: { id: string; route: string }[];
};

describe('app shell', () => {
  const profile = new Profile();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'zh-CN' });
  });
  afterAll(async () => {
    expectOnlyLoopback(browser);
    await browser.close();
    profile.remove();
  });

  it('starts in the browser language and switches language from the header, remembered across reloads', async () => {
    const { page } = browser;
    await open(page, baseUrl, '#/path');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('main h1').textContent()).toBe('学习路径');
    await page.getByRole('button', { name: /Switch to English/ }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('The learning path');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await page.locator('main h1').textContent()).toBe('The learning path');
    await page.getByRole('button', { name: /切换到中文/ }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('学习路径');
  });

  it('renders every topic, stage, summary and lab route without a page error', async () => {
    const { page } = browser;
    const hashes = [
      '#/', '#/path', '#/glossary', '#/settings', '#/about', '#/no/such/page',
      ...curriculum.stages.flatMap((s) => [`#/stage/${s.n}`, `#/stage/${s.n}/summary`, ...s.topics.map((t) => `#/stage/${s.n}/${t.slug}`)]),
      ...curriculum.labs.map((l) => l.route),
    ];
    for (const hash of hashes) {
      await open(page, baseUrl, hash);
      expect((await page.locator('main h1').first().textContent())?.trim(), hash).toBeTruthy();
    }
    expect(browser.errors).toEqual([]);
  });

  it('shows a lab without a module as "coming soon", keeping the way back', async () => {
    const { page } = browser;
    await open(page, baseUrl, '#/lab/multimodal');
    expect(await page.locator('main').textContent()).toContain('即将推出');
    expect(await page.locator('main a[href="#/path"]').count()).toBe(1);
  });

  it('opens a topic from the path overview, moving focus to the new page; on a fresh load Tab reaches the skip link first', async () => {
    const { page } = browser;
    await open(page, baseUrl, '#/path');
    const first = curriculum.stages[0]!.topics[0]!;
    await page.getByRole('link', { name: first.title.zh, exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/stage/1/${first.slug}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('serves the pages cross-origin isolated, with the content security policy', async () => {
    const { page } = browser;
    const res = await page.goto(baseUrl);
    const headers = res!.headers();
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const ort = await page.evaluate(async () => (await fetch('/ort/ort-wasm-simd-threaded.asyncify.wasm', { method: 'HEAD' })).headers.get('content-type'));
    expect(ort).toBe('application/wasm');
    const manifest = await page.evaluate(async () => (await fetch('/models/manifest.json')).json());
    expect(Array.isArray(manifest.models)).toBe(true);
  });
});
