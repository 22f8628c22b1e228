/**
 * The Benchmark page's state: which suites to run, the run in progress (cancellable), the last
 * result and the history kept in IndexedDB.
 *
 * @example
 * const bench = new BenchState({ runSuites, openHistory: openBenchHistory });
 * await bench.loadHistory();
 * await bench.run();
 */
import type { BenchRun } from './core/types';
import type { RunOptions } from './bench-api';
import type { BenchHistory } from './history-db';

export interface BenchStateDeps {
  runSuites(ids: readonly string[], opts: RunOptions & { origin: BenchRun['origin'] }): Promise<BenchRun>;
  openHistory(): Promise<BenchHistory>;
  suiteIds: readonly string[];
}

export class BenchState {
  selected = $state<string[]>([]);
  quick = $state(true);
  running = $state(false);
  progress = $state('');
  error = $state<string | null>(null);
  current = $state.raw<BenchRun | null>(null);
  history = $state.raw<BenchRun[]>([]);
  damaged = $state(0);
  /** False when IndexedDB could not be opened: runs are shown but not kept. */
  persistent = $state(true);
  #deps: BenchStateDeps;
  #controller: AbortController | null = null;
  #store: Promise<BenchHistory | null> | null = null;

  constructor(deps: BenchStateDeps) {
    this.#deps = deps;
    this.selected = [...deps.suiteIds];
  }

  #history(): Promise<BenchHistory | null> {
    this.#store ??= this.#deps.openHistory().catch(() => {
      this.persistent = false;
      return null;
    });
    return this.#store;
  }

  toggle(id: string): void {
    this.selected = this.selected.includes(id) ? this.selected.filter((s) => s !== id) : this.#deps.suiteIds.filter((s) => s === id || this.selected.includes(s));
  }

  async loadHistory(): Promise<void> {
    const h = await this.#history();
    if (!h) return;
    const { runs, damaged } = await h.list();
    this.history = runs;
    this.damaged = damaged;
  }

  async run(): Promise<void> {
    if (this.running || this.selected.length === 0) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    this.error = null;
    this.progress = '';
    try {
      const run = await this.#deps.runSuites(this.selected, { quick: this.quick, signal: controller.signal, origin: 'page', onProgress: (m) => (this.progress = m) });
      this.current = run;
      const h = await this.#history();
      if (h) {
        await h.save(run);
        await this.loadHistory();
      } else this.history = [...this.history, run];
    } catch (e) {
      this.error = controller.signal.aborted ? null : e instanceof Error ? e.message : String(e);
    } finally {
      this.running = false;
      this.progress = '';
      this.#controller = null;
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  async remove(id: string): Promise<void> {
    const h = await this.#history();
    if (h) await h.remove(id);
    this.history = this.history.filter((r) => r.id !== id);
    if (this.current?.id === id) this.current = null;
  }

  show(id: string): void {
    this.current = this.history.find((r) => r.id === id) ?? this.current;
  }
}
