#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --skip-build | --dist <built folder>] [-- --only load,embed] [-- --out file.json]`
 *
 * Builds the app (into a folder of its own), serves it with `vite preview` on 127.0.0.1, drives headless Chromium (the
 * e2e harness: tests/e2e/harness.ts), runs every benchmark in the page (`window.__bench`, the
 * Benchmark page's own code) and a few from here (app load, sizes, the Attention lab's marks),
 * then writes bench/results/<timestamp>.json and .md and prints the Markdown table.
 * `--quick` proves the harness works on small sizes (results go to the system temp folder); it asserts nothing about speed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { runnerImport } from 'vite';
import { appSizes } from './lib/app-size.mjs';
import { attentionSuite } from './lib/attention.mjs';
import { appLoadSuite } from './lib/app-load.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const PAGE_SUITES = ['load', 'embed', 'webgpu', 'vectors', 'ner', 'idb'];

function parseArgs(argv) {
  const opts = { quick: false, build: true, dist: 'dist', only: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--skip-build') opts.build = false;
    else if (a === '--dist') [opts.build, opts.dist] = [false, argv[++i]];
    else if (a === '--only') opts.only = argv[++i]?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    else if (a === '--out') opts.out = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--skip-build | --dist <built folder>] [--only app,load,embed,webgpu,vectors,ner,idb,attention] [--out file.json]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return opts;
}

const t0 = Date.now();
const log = (msg) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

async function importTs(path) {
  return (await runnerImport(resolve(ROOT, path), { configFile: false, logLevel: 'error' })).module;
}

/** The harness waits 30 s for `vite preview`; on a starved machine its start can take longer, so try again. */
async function startPreviewPatiently(harness, distDir, tries = 4) {
  for (let i = 1; ; i++) {
    try {
      return await harness.startPreview(distDir);
    } catch (e) {
      if (i >= tries) throw e;
      log(`vite preview was slow to start (try ${i}/${tries}): trying again`);
    }
  }
}

const CACHE_DIR = join(ROOT, 'bench/.cache');

/** GET and PUT of `__bench-cache/<key>` against bench/.cache/<key>, answered with `x-bench-cache: 1`. */
async function serveCache(route) {
  const req = route.request();
  const key = decodeURIComponent(new URL(req.url()).pathname.split('/').pop() ?? '');
  const headers = { 'x-bench-cache': '1', 'cache-control': 'no-store' };
  if (!/^[\w.-]{1,120}$/.test(key) || key.startsWith('.')) return route.fulfill({ status: 400, headers, body: 'bad key' });
  const file = join(CACHE_DIR, key);
  if (req.method() === 'PUT') {
    const body = req.postDataBuffer();
    if (!body) return route.fulfill({ status: 400, headers, body: 'no body' });
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(`${file}.tmp`, body);
    renameSync(`${file}.tmp`, file);
    log(`cache: stored ${key} (${(body.length / 1e6).toFixed(1)} MB)`);
    return route.fulfill({ status: 201, headers, body: '' });
  }
  if (key === 'ping') return route.fulfill({ status: 200, headers, body: 'ok' });
  if (!existsSync(file)) return route.fulfill({ status: 404, headers, body: '' });
  return route.fulfill({ status: 200, headers: { ...headers, 'content-type': 'application/octet-stream' }, body: readFileSync(file) });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const wanted = (id) => !opts.only || opts.only.includes(id);
  const harness = await importTs('tests/e2e/harness.ts');
  // A build of this run's own (others may be testing in the same working tree); --skip-build serves dist/, --dist another build.
  const distDir = opts.build ? `test-results/bench-dist-${process.pid}` : opts.dist;
  if (opts.build) {
    log(`building the app (vite build → ${distDir})`);
    const args = [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', distDir, '--emptyOutDir'];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: harness.viteEnv() });
    if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  }
  const removeBuild = () => opts.build && rmSync(join(ROOT, distDir), { recursive: true, force: true });
  const { markdownReport } = await importTs('src/labs/bench/core/report.ts');
  const { checkRun } = await importTs('src/labs/bench/core/run-check.ts');
  const assets = await importTs('src/labs/bench/core/app-assets.ts');

  const server = await startPreviewPatiently(harness, distDir);
  const profile = new harness.Profile();
  let browser = null;
  // Interrupted (Ctrl-C, a CI timeout): stop the preview server and the browser rather than leave them running.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void Promise.allSettled([browser?.close(), server.stop()]).finally(() => {
        profile.remove();
        removeBuild();
        process.exit(130);
      });
    });
  }
  // WebGPU: headless Chromium here only has SwiftShader, a software fallback adapter; the results say so.
  browser = await harness.launch(profile, { locale: 'en-US', args: ['--enable-unsafe-webgpu'] });
  const { page, context } = browser;
  const suites = [];
  const startedAt = new Date();
  try {
    page.on('console', (m) => {
      const text = m.text();
      if (text.startsWith('[bench] ')) log(text.slice(8));
    });
    // hnswlib-wasm (a peer) is built with Emscripten embind, which compiles its bindings with `new Function`:
    // the app's CSP (no 'unsafe-eval') stops it. Here, and only here, the vector-benchmark worker's script is
    // served without its CSP header; ours runs in that same worker. In the app the peer is skipped, saying why.
    await context.route(/\/assets\/vector-worker-[\w-]+\.js$/, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
    // The disk cache (src/labs/bench/core/disk-cache.ts): real-text vectors that take minutes to embed are kept in
    // bench/.cache/ between runs. Only this runner answers these URLs; the app serves no such path.
    if (!opts.quick) await context.route(/\/__bench-cache\/[\w.-]+$/, (route) => serveCache(route));
    const cdp = await context.newCDPSession(page);
    await page.exposeFunction('__benchClearCache', () => cdp.send('Network.clearBrowserCache'));

    log(`serving ${server.url}; opening the Benchmark page`);
    await page.goto(`${server.url}#/bench`, { waitUntil: "domcontentloaded", timeout: 120_000 });
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 60_000 });
    // The first visit installs the service worker, which precaches the app and the models: wait for it,
    // so no download runs under a measurement. The page stays uncontrolled (registerType "prompt", no
    // reload): the model files still come from the server, through the HTTP cache.
    await page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));
    const machine = await page.evaluate(() => window.__bench.machine());
    log(`machine: ${machine.cores} cores, ${machine.wasmThreads} WASM threads, WebGPU ${machine.webgpu.available ? machine.webgpu.adapter : 'none'}`);

    for (const [i, id] of PAGE_SUITES.filter(wanted).entries()) {
      if (i > 0) {
        // A fresh page per suite: the workers of the last one (each holding WebAssembly memory) are gone.
        await page.goto('about:blank');
        // Not 'load' with its 30 s default: on a loaded machine the page's 'load' can wait on the service worker's
        // background precache (a CI smoke run timed out there); readiness is the __bench check below
        await page.goto(`${server.url}#/bench`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
        await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 120_000 });
      }
      log(`suite ${id}`);
      const result = await page.evaluate(({ id, quick }) => window.__bench.run(id, { quick }), { id, quick: opts.quick });
      log(`suite ${id}: ${result.figures.length} figures, ${result.skipped.length} skipped, ${(result.ms / 1000).toFixed(1)} s`);
      for (const s of result.skipped) log(`  skipped: ${s}`);
      suites.push(result);
    }
    if (wanted('attention')) {
      log('suite attention');
      suites.push(await attentionSuite(page, server.url, { quick: opts.quick, log }));
    }
    if (wanted('app')) {
      log('suite app');
      const sizes = appSizes(join(ROOT, distDir), assets);
      const load = await appLoadSuite(harness, page, server.url, { quick: opts.quick, log });
      suites.push({ ...load, figures: [...load.figures, ...sizes.figures], notes: [...load.notes, ...sizes.notes] });
    }
    const run = checkRun({
      app: 'llm-learning-lab',
      kind: 'bench-run',
      version: 1,
      id: `run-${startedAt.toISOString().replace(/[:.]/g, '-')}`,
      mode: opts.quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      origin: 'runner',
      machine,
      suites,
    });
    const stamp = startedAt.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'); // 2026-11-29T09-30-12Z
    const out = opts.out ? resolve(opts.out) : opts.quick ? join(tmpdir(), `llm-lab-bench-quick-${stamp}.json`) : join(ROOT, 'bench/results', `${stamp}.json`);
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify(run, null, 1) + '\n');
    const md = markdownReport(run);
    writeFileSync(out.replace(/\.json$/, '') + '.md', md);
    console.log('\n' + md);
    const figures = suites.reduce((n, s) => n + s.figures.length, 0);
    log(`wrote ${relative(process.cwd(), out)} (+ .md): ${figures} figures in ${suites.length} suites`);
    if (figures === 0) throw new Error('no benchmark produced a figure');
    const pageErrors = browser.errors.filter((e) => !/Failed to load resource/.test(e));
    if (pageErrors.length > 0) log(`page errors seen during the run:\n  ${pageErrors.join('\n  ')}`);
    const foreign = browser.foreignRequests();
    if (foreign.length > 0) throw new Error(`requests left 127.0.0.1: ${foreign.map((r) => r.url).join(', ')}`);
  } finally {
    await browser.close();
    profile.remove();
    await server.stop();
    removeBuild();
  }
}

main().catch((e) => {
  console.error(`\nbench failed: ${e?.stack ?? e}`);
  process.exit(1);
});
