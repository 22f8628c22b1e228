/**
 * The Benchmark page's history: its own small IndexedDB database `llm-lab-bench` (a cache of
 * measurements, not learner progress: it is not exported), one record per run.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { checkRun } from './core/run-check';
import type { BenchRun } from './core/types';

export const BENCH_DB = 'llm-lab-bench';

interface BenchDB extends DBSchema {
  runs: { key: string; value: BenchRun; indexes: { 'by-started': string } };
}

export interface BenchHistory {
  save(run: BenchRun): Promise<void>;
  /** Runs, oldest first; damaged records are skipped and counted. */
  list(): Promise<{ runs: BenchRun[]; damaged: number }>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

/** Keeps at most this many runs; the oldest go first. */
export const MAX_RUNS = 200;

/** Opens (creating on first use) the history database; `name` is for tests. */
export async function openBenchHistory(name = BENCH_DB): Promise<BenchHistory> {
  const db: IDBPDatabase<BenchDB> = await openDB<BenchDB>(name, 1, {
    upgrade(database) {
      database.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-started', 'startedAt');
    },
    blocking() {
      db.close();
    },
  });
  return {
    async save(run) {
      checkRun(run);
      const tx = db.transaction('runs', 'readwrite');
      await tx.store.put(run);
      const keys = await tx.store.index('by-started').getAllKeys();
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_RUNS))) await tx.store.delete(key);
      await tx.done;
    },
    async list() {
      const raw = (await db.getAllFromIndex('runs', 'by-started')) as unknown[];
      const runs: BenchRun[] = [];
      let damaged = 0;
      for (const r of raw) {
        try {
          runs.push(checkRun(r));
        } catch {
          damaged++;
        }
      }
      return { runs, damaged };
    },
    remove: (id) => db.delete('runs', id),
    clear: () => db.clear('runs'),
    close: () => db.close(),
  };
}
