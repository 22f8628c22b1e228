/**
 * The shapes of a benchmark run: what `window.__bench.run` returns, what `npm run bench` writes to
 * `bench/results/<timestamp>.json`, and what the Benchmark page keeps in its history.
 */

/** Which direction is better for a figure's unit. */
export type Better = 'lower' | 'higher';

/**
 * `ours`: the app's own code path; `peer`: the alternative it is compared with in the same run;
 * `info`: a figure with no peer (a size, a peak).
 */
export type Role = 'ours' | 'peer' | 'info';

/** The machine a figure was measured on (every figure of a run shares it). */
export interface Machine {
  userAgent: string;
  /** `navigator.hardwareConcurrency`. */
  cores: number;
  crossOriginIsolated: boolean;
  /** Threads the app's inference worker gives ONNX Runtime WebAssembly. */
  wasmThreads: number;
  simd: boolean;
  webgpu: { available: boolean; fallbackAdapter: boolean; adapter: string };
  /** `navigator.deviceMemory` (GB, rounded by the browser), when the browser tells. */
  deviceMemoryGb: number | null;
}

/** One measured quantity: its samples (one per repetition after the warm-up) and how it was run. */
export interface Figure {
  /** Unique within a run: `<suite>/<what>`, e.g. `embed/ours-batched`. */
  id: string;
  suite: string;
  /** What was measured, in English (the report language). */
  label: string;
  unit: string;
  better: Better;
  role: Role;
  /** Figures with the same `compare` key are compared: each peer against the one `ours`. */
  compare?: string;
  samples: number[];
  /** Execution details recorded with the figure (backend, threads, dtype, sizes …). */
  backend?: 'wasm' | 'webgpu' | 'js';
  threads?: number;
  dtype?: string;
  params?: Record<string, string | number | boolean>;
  note?: string;
}

export interface SuiteResult {
  suite: string;
  figures: Figure[];
  /** Parts not measured, with the reason (a missing model, a peer that cannot run here). */
  skipped: string[];
  notes: string[];
  ms: number;
}

export interface BenchRun {
  app: 'llm-learning-lab';
  kind: 'bench-run';
  version: 1;
  id: string;
  mode: 'full' | 'quick';
  startedAt: string;
  finishedAt: string;
  /** `runner` (npm run bench) or `page` (the Benchmark page). */
  origin: 'runner' | 'page';
  machine: Machine;
  suites: SuiteResult[];
}

/** Options every suite takes. */
export interface SuiteOptions {
  quick: boolean;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}
