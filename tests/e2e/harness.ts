/**
 * E2E harness shared by every e2e test (see tests/README.md):
 * a `vite preview` server on a free loopback port, and headless Chromium (the system one, never downloaded)
 * with a persistent profile, recording every request so a test can assert that nothing left 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The environment for child `vite` processes: without vitest's variables, which make vite.config.ts configure for tests. */
export function viteEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') delete env[key];
  return env;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Belt and braces: any host but the loopback one fails to resolve, so nothing can leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export interface PreviewServer {
  url: string;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

/** Serve a build (`dist/` by default) with `vite preview`, production headers included, on a free port. */
export async function startPreview(outDir = 'dist'): Promise<PreviewServer> {
  if (!existsSync(resolve(ROOT, outDir, 'index.html'))) throw new Error(`${outDir}/ is missing: run \`npm run build\` first`);
  const port = await freePort();
  const args = ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir];
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: viteEnv(),
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  try {
    // vite preview loads the whole config (PWA and Svelte plugins) first: over 30 s on a loaded 2-core machine
    await waitForHttp(url, child, 120_000);
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

export interface RecordedRequest {
  url: string;
  host: string;
}

/** A browser profile folder that outlives one browser launch ("close and relaunch"). */
export class Profile {
  readonly dir = mkdtempSync(join(tmpdir(), 'llm-lab-profile-'));
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every request the pages and service workers made since launch. */
  requests: RecordedRequest[];
  /** Requests to any host other than 127.0.0.1. */
  foreignRequests(): RecordedRequest[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Launch headless Chromium with a persistent profile; records requests and page errors.
 * `args` adds flags after CHROMIUM_ARGS (e.g. `--enable-unsafe-webgpu` for a software WebGPU adapter).
 */
export async function launch(profile: Profile, opts: { locale?: string; args?: string[] } = {}): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    locale: opts.locale ?? 'zh-CN',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const requests: RecordedRequest[] = [];
  const errors: string[] = [];
  context.on('request', (req) => {
    const url = req.url();
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* data: or blob: */
    }
    requests.push({ url, host });
  });
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    requests,
    errors,
    foreignRequests: () => requests.filter((r) => /^(https?|wss?):/.test(r.url) && r.host !== '127.0.0.1'),
    close: () => context.close(),
  };
}

/**
 * Wait until the service worker is installed (its precache complete) and controls the page.
 * With `registerType: 'prompt'` a first install does not claim open pages, so the page is reloaded once.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    throw new Error('the service worker does not control the page after a reload');
  }
}
