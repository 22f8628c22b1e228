/**
 * The run as a table: one row per figure with median, min and max, and on each peer row how many
 * times better ours is (`speedup`, from the medians of the same run).
 */
import { speedup, summarize } from './stats';
import type { BenchRun, Figure } from './types';

export interface ReportRow {
  suite: string;
  id: string;
  label: string;
  role: Figure['role'];
  /** Backend, threads, dtype as one short string. */
  setup: string;
  unit: string;
  n: number;
  median: number;
  min: number;
  max: number;
  /** On a peer row: ours ÷ peer as a speed-up (> 1: ours is better); null elsewhere, or when a median is 0. */
  speedup: number | null;
  /** On a peer row: the id of the figure it is compared with. */
  versus: string | null;
  note: string;
}

export function setupOf(f: Figure): string {
  const parts: string[] = [];
  if (f.backend) parts.push(f.backend === 'webgpu' ? 'WebGPU' : f.backend === 'wasm' ? 'WASM' : 'JS');
  if (f.threads !== undefined) parts.push(`${f.threads} thr`);
  if (f.dtype) parts.push(f.dtype);
  return parts.join(' · ');
}

/** Rows in the order the figures were measured. A comparison group needs exactly one `ours`. */
export function reportRows(run: Pick<BenchRun, 'suites'>): ReportRow[] {
  const figures = run.suites.flatMap((s) => s.figures);
  const ours = new Map<string, Figure>();
  for (const f of figures) {
    if (f.role !== 'ours' || !f.compare) continue;
    if (ours.has(f.compare)) throw new Error(`comparison "${f.compare}" has two "ours" figures: ${ours.get(f.compare)!.id} and ${f.id}`);
    ours.set(f.compare, f);
  }
  return figures.map((f) => {
    const s = summarize(f.samples);
    const mine = f.role === 'peer' && f.compare ? ours.get(f.compare) : undefined;
    if (mine && mine.unit !== f.unit) throw new Error(`${f.id} (${f.unit}) is compared with ${mine.id} (${mine.unit})`);
    return {
      suite: f.suite,
      id: f.id,
      label: f.label,
      role: f.role,
      setup: setupOf(f),
      unit: f.unit,
      n: s.n,
      median: s.median,
      min: s.min,
      max: s.max,
      speedup: mine && summarize(mine.samples).median > 0 && s.median > 0 ? speedup(summarize(mine.samples).median, s.median, f.better) : null,
      versus: mine ? mine.id : null,
      note: f.note ?? '',
    };
  });
}

/** A number with about three significant digits (no exponent for ordinary sizes). */
export function formatNumber(x: number): string {
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 100) return Math.round(x).toLocaleString('en-US');
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/**
 * The run's wall time and each suite's, in seconds.
 * @example
 * runTime(run); // '312 s in all — load 41 s, embed 95 s'
 */
export function runTime(run: Pick<BenchRun, 'startedAt' | 'finishedAt' | 'suites'>): string {
  const total = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  const parts = run.suites.map((s) => `${s.suite} ${Math.round(s.ms / 1000)} s`);
  return `${Number.isFinite(total) ? Math.round(total) : '?'} s in all${parts.length > 0 ? ` — ${parts.join(', ')}` : ''}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report printed at the end of `npm run bench` and kept beside the JSON. */
export function markdownReport(run: BenchRun): string {
  const m = run.machine;
  const lines = [
    `## Benchmarks — ${run.startedAt} (${run.mode})`,
    '',
    `Machine: ${m.cores} logical cores · ${m.userAgent} · cross-origin isolated: ${m.crossOriginIsolated ? 'yes' : 'no'} · ` +
      `WASM threads ${m.wasmThreads}, SIMD ${m.simd ? 'yes' : 'no'} · WebGPU: ${m.webgpu.available ? `${m.webgpu.adapter}${m.webgpu.fallbackAdapter ? ' (software fallback adapter)' : ''}` : 'none'}`,
    '',
    `Run time: ${runTime(run)}.`,
    '',
    '"speed-up" = ours ÷ peer from the medians of this run (times: peer/ours; rates: ours/peer); above 1 ours is better.',
    '',
    '| suite | benchmark | setup | median | min | max | unit | n | speed-up of ours |',
    '| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: |',
  ];
  for (const r of reportRows(run)) {
    const label = r.role === 'ours' ? `**${r.label}** (ours)` : r.role === 'peer' ? `${r.label} (peer)` : r.label;
    const sp = r.speedup === null ? '' : `${r.speedup.toFixed(2)}×`;
    lines.push(`| ${r.suite} | ${cell(label)}${r.note ? ` — ${cell(r.note)}` : ''} | ${r.setup} | ${formatNumber(r.median)} | ${formatNumber(r.min)} | ${formatNumber(r.max)} | ${r.unit} | ${r.n} | ${sp} |`);
  }
  const skipped = run.suites.flatMap((s) => s.skipped.map((why) => `- ${s.suite}: ${why}`));
  if (skipped.length > 0) lines.push('', 'Not measured:', ...skipped);
  const notes = run.suites.flatMap((s) => s.notes.map((n) => `- ${s.suite}: ${n}`));
  if (notes.length > 0) lines.push('', 'Notes:', ...notes);
  return lines.join('\n') + '\n';
}
