/**
 * A bounded, seeded fuzz loop for vitest. It runs `maxCases` cases unless a budget runs out first:
 * `maxCpuMs` of this process's CPU time (the code under test is too slow: fewer than `minCases`
 * then fails the test) or `maxWallMs` of wall time (a starved machine: the run stops early and says
 * so, and still fails below `MIN_ON_STARVED_MACHINE`). The first finding fails with the seed, case
 * number and input, so it can be replayed. Each case returns an outcome label (an error code,
 * "accepted" …); the counts per label are printed and returned, to show which paths were reached.
 */
import { mulberry32 } from '../../src/labs/vector-search/search/rng';
import type { Random } from './mutate';

export interface FuzzOptions<T> {
  name: string;
  seed: number;
  maxCases: number;
  maxCpuMs: number;
  maxWallMs: number;
  minCases: number;
  generate(random: Random, i: number): T;
  /** Runs one case; throws on a finding; returns the outcome label. */
  run(input: T, i: number): Promise<string>;
  describe(input: T): string;
}

export interface FuzzReport {
  name: string;
  seed: number;
  cases: number;
  wallMs: number;
  cpuMs: number;
  stoppedBy: 'cases' | 'cpu' | 'wall';
  outcomes: Record<string, number>;
}

const MIN_ON_STARVED_MACHINE = 20;

/** A longer local run: `FUZZ_SCALE=20 npx vitest run tests/fuzz` (scales cases and budgets). */
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);

const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

export async function fuzz<T>(o: FuzzOptions<T>): Promise<FuzzReport> {
  const random = mulberry32(o.seed);
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const outcomes: Record<string, number> = {};
  let cases = 0;
  let stoppedBy: FuzzReport['stoppedBy'] = 'cases';
  while (cases < o.maxCases * SCALE) {
    if (cpuMs(cpuStart) > o.maxCpuMs * SCALE) {
      stoppedBy = 'cpu';
      break;
    }
    if (performance.now() - wallStart > o.maxWallMs * SCALE) {
      stoppedBy = 'wall';
      break;
    }
    const input = o.generate(random, cases);
    let outcome: string;
    try {
      outcome = await o.run(input, cases);
    } catch (error) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      throw new Error(`fuzz ${o.name}: seed ${o.seed}, case ${cases} failed on ${o.describe(input)}\n${reason}`, { cause: error });
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    cases++;
  }
  const report: FuzzReport = { name: o.name, seed: o.seed, cases, wallMs: Math.round(performance.now() - wallStart), cpuMs: Math.round(cpuMs(cpuStart)), stoppedBy, outcomes };
  console.info(`[fuzz] ${o.name}: ${cases} cases, ${report.cpuMs} ms CPU, ${report.wallMs} ms wall, stopped by ${stoppedBy} (seed ${o.seed}) ${JSON.stringify(outcomes)}`);
  const floor = stoppedBy === 'wall' ? MIN_ON_STARVED_MACHINE : o.minCases;
  if (cases < floor) throw new Error(`fuzz ${o.name}: only ${cases} cases before the ${stoppedBy} budget ran out (at least ${floor} expected)`);
  return report;
}

/** Throws if anything reached `Object.prototype` (a `__proto__` key merged into a plain object). */
export function assertNoPrototypePollution(): void {
  const probe = {} as Record<string, unknown>;
  if ('polluted' in probe || Object.keys(Object.prototype).length > 0) throw new Error('Object.prototype was polluted');
}
