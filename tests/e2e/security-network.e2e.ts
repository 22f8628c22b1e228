/**
 * The network guard itself (tests/e2e/security-network-guard.ts): it sees requests a page makes to
 * another host or another port, fails the test that made them, and lets through exactly the origins
 * a test allowed. The deliberate requests here are taken from the guard so this file still passes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, type Browser } from './harness';
import { open } from './helpers';
import { allowOrigin, assertNoOffOriginRequests, takeOffOriginRequests } from './security-network-guard';

const baseUrl = inject('baseUrl');
const HUB = 'https://huggingface.co';

/** A fetch from the page that may fail (no DNS outside 127.0.0.1); resolves either way. */
const tryFetch = (browser: Browser, url: string) => browser.page.evaluate((u) => fetch(u, { mode: 'no-cors' }).then(() => 'ok', (e: Error) => e.name), url);

describe('network guard', () => {
  const profile = new Profile();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    await open(browser.page, baseUrl, '#/about');
  });
  afterAll(async () => {
    await browser.close();
    profile.remove();
  });

  it('records a request to another host (the Hub, which the CSP allows) and fails the check, naming it', async () => {
    expect(takeOffOriginRequests()).toEqual([]); // opening the app stayed on its origin
    await tryFetch(browser, `${HUB}/robustness/guard-probe.json`);
    await expect.poll(() => browser.requests.some((r) => r.url.includes('guard-probe'))).toBe(true);
    expect(() => assertNoOffOriginRequests()).toThrow(/1 request\(s\) left the app's origin[\s\S]*huggingface\.co\/robustness\/guard-probe\.json/);
    expect(takeOffOriginRequests()).toEqual([]); // the failed check consumed it
  });

  it('counts another port of 127.0.0.1 as another origin', async () => {
    const other = new URL(baseUrl);
    other.port = String(Number(other.port) === 9 ? 10 : 9);
    const page = await browser.context.newPage();
    await page.goto(`${other.origin}/other-port`).catch(() => undefined);
    await page.close();
    expect(takeOffOriginRequests().map((r) => r.origin)).toEqual([other.origin]);
  });

  it('lets an allowed origin through (a Hub model routed to a local mimic), and only while allowed', async () => {
    await browser.context.route(`${HUB}/**`, (route) => route.fulfill({ status: 200, body: '{}', headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' } }));
    const undo = allowOrigin(HUB);
    expect(await tryFetch(browser, `${HUB}/Xenova/tiny/resolve/main/config.json`)).toBe('ok');
    expect(takeOffOriginRequests()).toEqual([]);
    undo();
    await tryFetch(browser, `${HUB}/after-undo.json`);
    expect(takeOffOriginRequests().map((r) => r.url)).toEqual([`${HUB}/after-undo.json`]);
    await browser.context.unroute(`${HUB}/**`);
  });
});
