#!/usr/bin/env node
// Measures the lab's search performance once in headless Chromium (the system one): exact search and
// HNSW over N × DIM float32 vectors (default 100,000 × 256), HNSW build time, loading the vectors
// from IndexedDB, and map frames (20k and N points). Bundles perf/perf-page.ts with Vite, serves it on 127.0.0.1 with COOP/COEP (so
// performance.measureUserAgentSpecificMemory works), prints the JSON result.
//   node src/labs/vector-search/tools/measure-perf.mjs [--n 100000] [--dim 256] [--queries 200] [--parts idb,exact,hnsw,map] [--out result.json]
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
};
const n = Number(arg('n', 100000));
const dim = Number(arg('dim', 256));
const queries = Number(arg('queries', 200));
const M = Number(arg('M', 16));
const efConstruction = Number(arg('efc', 200));
const efs = String(arg('efs', '16,32,64,128,256')).split(',').map(Number);
const out = arg('out', null);
const parts = String(arg('parts', 'idb,exact,hnsw')).split(',');
const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'vs-perf-'));

await build({
  configFile: false,
  logLevel: 'warn',
  build: { lib: { entry: resolve(here, '../perf/perf-page.ts'), formats: ['es'], fileName: () => 'perf.js' }, outDir: dir, emptyOutDir: true, minify: false, target: 'es2022' },
});
writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>perf</title><script type="module" src="/perf.js"></script>');

const server = createServer((req, res) => {
  const file = req.url === '/perf.js' ? 'perf.js' : 'index.html';
  res.setHeader('Content-Type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.end(readFileSync(join(dir, file)));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const marker = `--vs-perf-run=${process.pid}-${Date.now()}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [marker, '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-blink-features=ForceEagerMeasureMemory', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
/** CPU time (user + system, ms) of the browser process and all its descendants, from /proc. */
function cpuMsOfTree(root) {
  const ticks = 100; // USER_HZ
  const stat = (pid) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12])) * (1000 / ticks) };
    } catch {
      return null;
    }
  };
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const info = new Map(all.map((pid) => [pid, stat(pid)]).filter(([, s]) => s !== null));
  const inTree = (pid) => {
    for (let p = pid, guard = 0; p > 1 && guard < 64; guard++) {
      if (p === root) return true;
      p = info.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let total = 0;
  for (const [pid, s] of info) if (inTree(pid)) total += s.cpu;
  return total;
}

try {
  const page = await browser.newPage();
  const browserPid = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .find((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return cmd.includes(marker) && !cmd.some((a) => a.startsWith('--type='));
      } catch {
        return false;
      }
    });
  if (browserPid) await page.exposeFunction('cpuMs', () => cpuMsOfTree(browserPid));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.runPerf === 'function');
  const timer = setInterval(async () => {
    const lines = await page.evaluate(() => window.__perfLog.splice(0)).catch(() => []);
    for (const l of lines) console.error(l);
  }, 5000);
  const result = await page.evaluate((o) => window.runPerf(o), { n, dim, queries, efs, M, efConstruction, parts });
  clearInterval(timer);
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  if (out) writeFileSync(out, json + '\n');
} finally {
  await browser.close();
  server.close();
}
