/**
 * The e2e suite's network guard (a vitest setup file, see vitest.e2e.config.ts): every browser
 * context any e2e test launches is watched, and a test fails if its pages or workers requested
 * anything outside the app's origin — another host, or another port of 127.0.0.1. A test that
 * means to reach somewhere else (a Hub download routed to the local Hub mimic) says so with
 * `allowOrigin(origin)` for as long as it needs it.
 *
 * The check runs after each test (the request is charged to that test) and once more after the
 * file (requests made while closing). `tests/e2e/security-network.e2e.ts` tests the guard itself.
 */
import { afterAll, afterEach, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export interface OffOriginRequest {
  url: string;
  origin: string;
}

const appOrigin = new URL(inject('baseUrl')).origin;
const allowed = new Map<string, number>([[appOrigin, 1]]);
const found: OffOriginRequest[] = [];
const watched = new WeakSet<BrowserContext>();

/** Records the context's off-origin requests (done for every launched context; exported for tests). */
export function watchContext(context: BrowserContext): BrowserContext {
  if (watched.has(context)) return context;
  watched.add(context);
  context.on('request', (request) => {
    const url = request.url();
    if (!/^(https?|wss?):/i.test(url)) return; // data:, blob:, about:
    const origin = new URL(url).origin;
    if (!allowed.has(origin)) found.push({ url, origin });
  });
  return context;
}

/** Lets requests to `origin` through until the returned function is called. */
export function allowOrigin(origin: string): () => void {
  const o = new URL(origin).origin;
  allowed.set(o, (allowed.get(o) ?? 0) + 1);
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    const n = (allowed.get(o) ?? 1) - 1;
    if (n <= 0) allowed.delete(o);
    else allowed.set(o, n);
  };
}

/** The off-origin requests recorded since the last call, now forgotten. */
export function takeOffOriginRequests(): OffOriginRequest[] {
  return found.splice(0);
}

/** Throws, listing them, if any off-origin request was recorded since the last check. */
export function assertNoOffOriginRequests(): void {
  const requests = takeOffOriginRequests();
  if (requests.length > 0) {
    const list = requests.slice(0, 10).map((r) => `  ${r.url}`).join('\n');
    throw new Error(`${requests.length} request(s) left the app's origin ${appOrigin}:\n${list}${requests.length > 10 ? '\n  …' : ''}`);
  }
}

function watchBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => watchContext(await newContext(...args));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watchContext(page.context());
    return page;
  };
  return browser;
}

const launchPersistentContext = chromium.launchPersistentContext.bind(chromium);
chromium.launchPersistentContext = async (...args) => watchContext(await launchPersistentContext(...args));
const launch = chromium.launch.bind(chromium);
chromium.launch = async (...args) => watchBrowser(await launch(...args));

afterEach(() => assertNoOffOriginRequests());
afterAll(() => assertNoOffOriginRequests());
