/**
 * The content security policy: the built `index.html` needs nothing but files of its own origin
 * (no inline script, no handler attribute) and carries the policy, the server sends it on the page,
 * its scripts and its workers, and the browser enforces it (inline script, `eval` and an off-origin
 * fetch are refused and reported; WebAssembly still compiles).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, ROOT, type Browser } from './harness';
import { open } from './helpers';
import { takeOffOriginRequests } from './security-network-guard';

const baseUrl = inject('baseUrl');
const distDir = resolve(ROOT, inject('distDir'));
const HUB_HOSTS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'];

function parsePolicy(header: string | null): Record<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** The policy's rules for this app (see vite/security-headers.ts). */
function expectAppPolicy(policy: Record<string, string[]>): void {
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  // blob: workers can only be made by code already running on the app's origin.
  expect(policy['worker-src']).toEqual(["'self'", 'blob:']);
  expect(policy['connect-src']).toEqual(["'self'", ...HUB_HOSTS]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(policy['base-uri']).toEqual(["'self'"]);
  expect(policy['frame-ancestors']).toEqual(["'none'"]);
  expect(policy['form-action']).toEqual(["'self'"]);
  for (const [name, values] of Object.entries(policy)) {
    expect(values, name).not.toContain("'unsafe-eval'");
    expect(values, name).not.toContain('*');
    expect(values.filter((v) => /^(https?|wss?|data|blob):?$/.test(v) && !(name === 'worker-src' && v === 'blob:') && !(['img-src', 'font-src'].includes(name) && /^(data|blob):$/.test(v))), name).toEqual([]);
    expect(values.filter((v) => /^https?:\/\//.test(v) && !(name === 'connect-src' && HUB_HOSTS.includes(v))), name).toEqual([]);
  }
}

describe('content security policy', () => {
  const profile = new Profile();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
  });
  afterAll(async () => {
    await browser.close();
    profile.remove();
  });

  it('the built index.html loads only files of its own origin, with no inline script or handler, and carries the policy', async () => {
    const html = readFileSync(resolve(distDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim(), 'inline script').toBe('');
      expect(attrs).toMatch(/\bsrc="\/(?!\/)/);
    }
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]*:\/\/[^"]*|\/\/[^"]*)"/gi)].map((m) => m[1]);
    expect(urls, 'absolute or protocol-relative URLs').toEqual([]);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    // The same policy as a <meta> tag, for hosts that cannot send headers (less the header-only frame-ancestors).
    const meta = /<meta[^>]+http-equiv="Content-Security-Policy"[^>]+content="([^"]+)"/i.exec(html);
    expect(meta, 'a CSP <meta> tag').not.toBeNull();
    const fromMeta = parsePolicy(meta![1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    const { 'frame-ancestors': frameAncestors, ...fromHeader } = parsePolicy((await fetch(baseUrl)).headers.get('content-security-policy'));
    expect(frameAncestors).toEqual(["'none'"]);
    expect(fromMeta).toEqual(fromHeader);
  });

  it('the server sends the policy with the page, its scripts, its workers and the WebAssembly runtime', async () => {
    const page = await fetch(baseUrl);
    const html = await page.text();
    expectAppPolicy(parsePolicy(page.headers.get('content-security-policy')));
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const entry = /<script[^>]+src="([^"]+)"/.exec(html)![1]!;
    const paths = [entry, '/sw.js', '/ort/ort-wasm-simd-threaded.asyncify.mjs'];
    const code = await (await fetch(new URL(entry, baseUrl))).text();
    const worker = /["'`](\/assets\/worker-[\w-]+\.js)["'`]/.exec(code)?.[1];
    if (worker) paths.push(worker);
    for (const path of paths) {
      const res = await fetch(new URL(path, baseUrl));
      expect(res.status, path).toBe(200);
      expectAppPolicy(parsePolicy(res.headers.get('content-security-policy')));
    }
  });

  it('the browser enforces it: inline script, eval, a blob: module and an off-origin fetch are refused; WebAssembly compiles', async () => {
    const { page } = browser;
    await open(page, baseUrl, '#/about');
    const violations = () => page.evaluate(() => (globalThis as typeof globalThis & { __violations: string[] }).__violations);
    const first = await page.evaluate(async () => {
      const g = globalThis as typeof globalThis & { __inline?: number; __violations: string[] };
      g.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => g.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
      // DevTools-evaluated code is exempt from the policy, so eval is tried by a worker of the page (which inherits it).
      const source = 'try { eval("1 + 1"); postMessage("evaluated"); } catch (e) { postMessage(e.name); }';
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      const evalError = await new Promise<string>((resolve) => (worker.onmessage = (m) => resolve(String(m.data))));
      worker.terminate();
      return { inline: g.__inline ?? null, evalError };
    });
    // A string, so that vitest does not rewrite the page's import() into its own module loader.
    const blobModule = (await page.evaluate(
      `import(URL.createObjectURL(new Blob(['export default 1'], { type: 'text/javascript' }))).then(() => 'imported', (e) => e.name)`,
    )) as string;
    const last = await page.evaluate(async () => {
      const fetched = await fetch('https://example.com/steal').then(() => 'sent', (e: Error) => e.name);
      // The smallest valid module: magic number and version.
      const wasm = await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])).then(() => 'compiled', (e: Error) => e.name);
      await new Promise((r) => setTimeout(r, 200));
      return { fetched, wasm };
    });
    const result = { ...first, blobModule, ...last, violations: await violations() };
    takeOffOriginRequests(); // the refused fetch may be listed as attempted; the policy stopped it in the page
    expect(result.inline).toBeNull();
    expect(result.evalError).toBe('EvalError');
    expect(result.blobModule).toBe('TypeError');
    expect(result.fetched).toBe('TypeError');
    expect(result.wasm).toBe('compiled');
    expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem inline', 'script-src-elem blob', 'connect-src https://example.com/steal']));
  });
});
