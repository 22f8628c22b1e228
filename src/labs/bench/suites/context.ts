/** What every suite gets: the run's options, the machine, the shipped models and optional runner hooks. */
import type { ModelManifest } from '../../../../vite/model-files';
import { MODELS_BASE } from '../../../lib/runtime/paths';
import type { Figure, Machine, SuiteOptions, SuiteResult } from '../core/types';

export interface SuiteContext extends SuiteOptions {
  machine: Machine;
  /** The shipped models' manifest, or null when there is none. */
  manifest: ModelManifest | null;
  /**
   * Empties the browser's HTTP cache before a cold load. Only `npm run bench` can (through the
   * DevTools protocol); in the page a "cold" load is a new worker with the HTTP cache as it is.
   */
  clearHttpCache?: () => Promise<void>;
}

export interface Suite {
  id: string;
  run(ctx: SuiteContext): Promise<SuiteResult>;
}

export async function fetchManifest(): Promise<ModelManifest | null> {
  try {
    const res = await fetch(`${MODELS_BASE}manifest.json`);
    return res.ok ? ((await res.json()) as ModelManifest) : null;
  } catch {
    return null;
  }
}

export function missingModel(id: string): string {
  return `${id}: no ONNX file in models/${id}/onnx/ (the model is not built yet) — skipped`;
}

/** Collects a suite's figures, skips and notes, and times the suite. */
export class SuiteRecorder {
  readonly figures: Figure[] = [];
  readonly skipped: string[] = [];
  readonly notes: string[] = [];
  readonly #t0 = performance.now();

  /** `report` hears each skip at once (the run's progress line), not only at the end. */
  constructor(
    readonly suite: string,
    readonly report?: (message: string) => void,
  ) {}

  add(f: Omit<Figure, 'suite' | 'id'> & { id: string }): void {
    this.figures.push({ ...f, id: `${this.suite}/${f.id}`, suite: this.suite, ...(f.compare ? { compare: `${this.suite}/${f.compare}` } : {}) });
  }

  skip(why: string): void {
    this.skipped.push(why);
    this.report?.(`${this.suite}: not measured: ${why}`);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  result(): SuiteResult {
    return { suite: this.suite, figures: this.figures, skipped: this.skipped, notes: this.notes, ms: performance.now() - this.#t0 };
  }
}

export async function loadTexts(): Promise<{ chunks: string[]; questions: string[] }> {
  const mod = await import('../data/medquad-texts.json');
  return { chunks: mod.default.chunks, questions: mod.default.questions };
}

/** Sizes by mode: `quick` only proves the harness runs. */
export function pick<T>(ctx: SuiteOptions, full: T, quick: T): T {
  return ctx.quick ? quick : full;
}

export function describeError(e: unknown): string {
  if (e && typeof e === 'object' && 'userMessage' in e) return (e as { userMessage: { en: string } }).userMessage.en;
  return e instanceof Error ? e.message : String(e);
}
