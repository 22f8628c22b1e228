#!/usr/bin/env node
// `npm test`: unit tests → Python factory tests → build → e2e in headless Chromium → the benchmark smoke run. Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

if (!existsSync(chromium)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    run('install chromium', 'apt-get', ['install', '-y', 'chromium']);
  } else {
    console.error(`Chromium is needed for the e2e tests and was not found at ${chromium}.\n` +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH.');
    process.exit(1);
  }
}

const node = process.execPath;
const bin = (p) => resolve(root, 'node_modules', p);
const results = resolve(root, 'test-results');
mkdirSync(results, { recursive: true });
const vitestArgs = (name) => ['--reporter=default', '--reporter=json', `--outputFile.json=${resolve(results, name)}`];

run('unit tests', node, [bin('vitest/vitest.mjs'), 'run', ...vitestArgs('unit.json')]);
run('python factory tests', node, [resolve(root, 'scripts/test-py.mjs')]);
run('build', node, [bin('vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
run('e2e tests', node, [bin('vitest/vitest.mjs'), 'run', '--config', 'vitest.e2e.config.ts', ...vitestArgs('e2e.json')], { E2E_SKIP_BUILD: '1' });
// The benchmark harness's smoke run (small sizes, one repetition; asserts nothing about speed) on the build above
run('benchmark smoke run (npm run bench -- --quick)', node, [resolve(root, 'bench/run.mjs'), '--quick', '--dist', 'dist']);

let passed = 0;
let failed = 0;
for (const name of ['unit.json', 'e2e.json']) {
  const r = JSON.parse(readFileSync(resolve(results, name), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
console.log('\nAll test stages passed (JavaScript totals below; Python results are above).');
console.log(`vitest: ${passed} passed, ${failed} failed`);
