#!/usr/bin/env node
// Runs the model factory's Python unit tests when the folder exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = 'models/factory/tests';
if (!existsSync(resolve(root, dir))) {
  console.log('no factory tests');
  process.exit(0);
}
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const r = spawnSync(python, ['-m', 'unittest', 'discover', '-s', dir, '-v'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
