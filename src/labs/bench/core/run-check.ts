/** Checks a run read back from storage or a results file before it is shown (its shape, not its numbers' plausibility). */
import type { BenchRun, Figure, SuiteResult } from './types';

function fail(path: string, why: string): never {
  throw new TypeError(`${path}: ${why}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Record<string, unknown>, key: string, path: string): string {
  if (typeof o[key] !== 'string') fail(`${path}.${key}`, 'expected a string');
  return o[key] as string;
}

function checkFigure(v: unknown, path: string): Figure {
  if (!isObject(v)) fail(path, 'expected an object');
  for (const k of ['id', 'suite', 'label', 'unit']) str(v, k, path);
  if (v.better !== 'lower' && v.better !== 'higher') fail(`${path}.better`, 'expected "lower" or "higher"');
  if (v.role !== 'ours' && v.role !== 'peer' && v.role !== 'info') fail(`${path}.role`, 'expected "ours", "peer" or "info"');
  if (!Array.isArray(v.samples) || v.samples.length === 0 || !v.samples.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail(`${path}.samples`, 'expected a non-empty array of finite numbers');
  }
  return v as unknown as Figure;
}

function checkSuite(v: unknown, path: string): SuiteResult {
  if (!isObject(v)) fail(path, 'expected an object');
  str(v, 'suite', path);
  if (!Array.isArray(v.figures)) fail(`${path}.figures`, 'expected an array');
  v.figures.forEach((f, i) => checkFigure(f, `${path}.figures[${i}]`));
  for (const k of ['skipped', 'notes']) if (!Array.isArray(v[k]) || !(v[k] as unknown[]).every((s) => typeof s === 'string')) fail(`${path}.${k}`, 'expected strings');
  return v as unknown as SuiteResult;
}

export function checkRun(v: unknown): BenchRun {
  if (!isObject(v)) fail('run', 'expected an object');
  if (v.app !== 'llm-learning-lab' || v.kind !== 'bench-run') fail('run', 'not a benchmark run of this app');
  if (v.version !== 1) fail('run.version', `unknown version ${String(v.version)}`);
  for (const k of ['id', 'startedAt', 'finishedAt']) str(v, k, 'run');
  if (v.mode !== 'full' && v.mode !== 'quick') fail('run.mode', 'expected "full" or "quick"');
  if (!isObject(v.machine) || typeof v.machine.cores !== 'number' || typeof v.machine.userAgent !== 'string') fail('run.machine', 'expected cores and userAgent');
  if (!Array.isArray(v.suites)) fail('run.suites', 'expected an array');
  v.suites.forEach((s, i) => checkSuite(s, `run.suites[${i}]`));
  return v as unknown as BenchRun;
}
