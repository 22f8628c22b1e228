#!/usr/bin/env node
// Entry point for `npm run bench`; the benchmark suite itself lives in bench/run.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const runner = resolve(root, 'bench/run.mjs');
if (!existsSync(runner)) {
  console.error('bench/run.mjs does not exist yet: the benchmark suite has not been written.');
  process.exit(1);
}
const r = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
