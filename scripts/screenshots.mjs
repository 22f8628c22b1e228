#!/usr/bin/env node
// Screenshots of the dashboard and lessons, in Chinese and English, for the README and the docs:
// docs/screenshots/{dashboard,lesson,lesson-stage5,lesson-stage7}-{zh,en}.png. Builds if dist/ is missing; re-runnable.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'docs/screenshots');
const vite = join(root, 'node_modules/vite/bin/vite.js');

if (!existsSync(join(root, 'dist/index.html'))) execFileSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });

const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => ok(p));
  });
});
const server = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}/`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    if (i > 200) throw new Error('vite preview did not start');
  }
  await new Promise((r) => setTimeout(r, 150));
}

/** The stage 2 Transformer lesson once it exists, else the first stage 1 lesson. */
const lesson = existsSync(join(root, 'src/content/stage-2/transformer.en.md')) ? '#/stage/2/transformer' : '#/stage/1/ai-evolution';
const pages = [
  { name: 'dashboard', hash: '#/' },
  { name: 'lesson', hash: lesson },
  { name: 'lesson-stage5', hash: '#/stage/5/rag' },
  { name: 'lesson-stage7', hash: '#/stage/7/peft' },
];

mkdirSync(outDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'llm-lab-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  viewport: { width: 1200, height: 900 },
  deviceScaleFactor: 1,
  colorScheme: 'light',
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const lang of ['zh', 'en']) {
    await page.goto(base);
    await page.evaluate((l) => localStorage.setItem('llm-lab.lang', l), lang);
    for (const { name, hash } of pages) {
      await page.goto(base + hash);
      await page.reload();
      await page.waitForSelector('main h1', { timeout: 20_000 });
      await page.waitForTimeout(800);
      const file = join(outDir, `${name}-${lang}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
  }
} finally {
  await context.close();
  server.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
}
