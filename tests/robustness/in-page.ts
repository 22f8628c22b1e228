/**
 * App modules that have no screen of their own (the vectors and models databases, the progress
 * database with a future migration) run inside the real page for the fault tests: a browser
 * entry is bundled with Vite into one script and evaluated in the page, on the app's origin, so it
 * shares the app's IndexedDB. DevTools evaluation is not subject to the page's CSP, and the
 * bundle needs no `eval` of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import type { RobustApi } from './browser/store-entry';

const ROOT = join(import.meta.dirname, '../..');
const ENTRY = join(import.meta.dirname, 'browser/store-entry.ts');

let bundled: Promise<string> | null = null;

/** The entry as one self-contained script (built once per test file). */
export function storeBundle(): Promise<string> {
  bundled ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'llm-lab-bundle-'));
    try {
      const result = await build({
        configFile: false,
        root: ROOT,
        logLevel: 'silent',
        publicDir: false,
        build: { write: false, outDir, emptyOutDir: false, minify: false, target: 'es2022', lib: { entry: ENTRY, formats: ['iife'], name: '__robustBundle' } },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
      if (!chunk || chunk.type !== 'chunk') throw new Error('the store bundle produced no script');
      return chunk.code;
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  })();
  return bundled;
}

/** Evaluates the bundle in the page (once per document); `globalThis.__robust` is then the API. */
export async function installStores(page: Page): Promise<void> {
  if (await page.evaluate(() => '__robust' in globalThis)) return;
  await page.evaluate(await storeBundle());
}

/**
 * Runs `fn` in the page with the bundled API and `arg` (JSON). The call is sent as one DevTools
 * expression, so no `eval` runs in the page (its CSP forbids that).
 */
export async function withStores<A, R>(page: Page, fn: (api: RobustApi, arg: A) => Promise<R> | R, arg: A): Promise<R> {
  await installStores(page);
  return page.evaluate(`(${fn.toString()})(globalThis.__robust, ${JSON.stringify(arg)})`) as Promise<R>;
}
