/** Two tabs on one database, storage that cannot open, a newer app in another tab, damaged data. */
import { IDBFactory, forceCloseDatabase } from 'fake-indexeddb';
import { openDB, unwrap } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLabDB } from '../lib/storage/db';
import { migrations } from '../lib/storage/migrations';
import { openStorage, type OpenedStorage } from '../lib/storage/open-storage';
import type { ProgressStore } from './progress-store.svelte';
import { newTabContext, storeFor, type Tab } from './store-fixture';

/** The machine may be busy: give cross-tab and IndexedDB events time to arrive. */
const PATIENT = { timeout: 5_000, interval: 20 };

let tab: Tab;
const open: ProgressStore[] = [];
function store(options: Parameters<typeof storeFor>[1] = {}): ProgressStore {
  const s = storeFor(tab, options);
  open.push(s);
  return s;
}

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  tab = newTabContext();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.dispose()));
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('two tabs', () => {
  it('a change in one tab shows in the other (BroadcastChannel "llm-lab-progress" → reload)', async () => {
    const a = store();
    const b = store();
    await Promise.all([a.ready, b.ready]);

    a.visit('2/transformer');
    await vi.waitFor(() => expect(b.topic('2/transformer').status).toBe('in-progress'), PATIENT);

    await a.recordQuiz('2/transformer', { at: 5, score: 4, total: 4, answers: [] });
    await vi.waitFor(() => expect(b.topic('2/transformer')).toMatchObject({ status: 'done', bestScore: 1 }), PATIENT);

    await a.saveNotes('2/transformer', 'from tab A');
    await vi.waitFor(() => expect(b.topic('2/transformer').notes).toBe('from tab A'), PATIENT);

    a.addTime('2/transformer', 1_234);
    await a.flush();
    await vi.waitFor(() => expect(b.topic('2/transformer').timeSpentMs).toBe(1_234), PATIENT);

    const id = await a.saveExperiment({ labId: 'attention', title: 'shared', input: 1, summary: '' });
    await vi.waitFor(() => expect(b.getExperiment(id)?.title).toBe('shared'), PATIENT);
    await b.deleteExperiment(id);
    await vi.waitFor(() => expect(a.getExperiment(id)).toBeUndefined(), PATIENT);

    await b.clearAll();
    await vi.waitFor(() => expect(a.isEmpty()).toBe(true), PATIENT);
  });

  it('an import in one tab reloads everything in the other', async () => {
    const a = store();
    const b = store();
    await b.setStatus('3/python-basics', 'done');
    const file = a.validateImport(await (await b.exportJSON()).text());
    if (!file.ok) throw new Error(file.error);
    await b.clearAll();
    await vi.waitFor(() => expect(a.topic('3/python-basics').status).toBe('not-started'), PATIENT);
    await a.importData(file.data, 'merge');
    await vi.waitFor(() => expect(b.topic('3/python-basics').status).toBe('done'), PATIENT);
  });

  it('time added in both tabs adds up (each write reads the stored record first)', async () => {
    const a = store({ timeFlushMs: 60_000 });
    const b = store({ timeFlushMs: 60_000 });
    await Promise.all([a.ready, b.ready]);
    a.addTime('1/ai-evolution', 1_000);
    b.addTime('1/ai-evolution', 2_000);
    await Promise.all([a.flush(), b.flush()]);
    await vi.waitFor(() => {
      expect(a.topic('1/ai-evolution').timeSpentMs).toBe(3_000);
      expect(b.topic('1/ai-evolution').timeSpentMs).toBe(3_000);
    }, PATIENT);
  });

  it('a tab shows its own unwritten time on top of a change from the other tab', async () => {
    const a = store({ timeFlushMs: 60_000 });
    const b = store();
    await Promise.all([a.ready, b.ready]);
    a.addTime('2/transformer', 500);
    await b.setStatus('2/transformer', 'done');
    await vi.waitFor(() => expect(a.topic('2/transformer')).toMatchObject({ status: 'done', timeSpentMs: 500 }), PATIENT);
  });
});

describe('when IndexedDB cannot be used', () => {
  it('falls back to memory when indexedDB.open throws, says so, and still works', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      },
    });
    const channel = vi.fn(() => null);
    const p = store({ channel });
    await p.ready;
    expect(p.persistent).toBe(false);
    expect(p.fallbackReason).toMatch(/^IndexedDB could not be opened \(InvalidStateError: /);
    await p.recordQuiz('2/transformer', { at: 1, score: 1, total: 2, answers: [] });
    await p.saveExperiment({ labId: 'ner', title: 't', input: 1, summary: '' });
    expect(p.topic('2/transformer').bestScore).toBe(0.5);
    expect(p.experiments()).toHaveLength(1);
    const file = p.validateImport(await (await p.exportJSON()).text());
    expect(file.ok).toBe(true);
    expect(channel).not.toHaveBeenCalled(); // other tabs have their own memory: nothing to sync
  });
});

describe('a newer version of the app in another tab', () => {
  it('closes this connection on versionchange, so the upgrade goes through, and tells the UI', async () => {
    const p = store();
    await p.ready;
    const lab = { version: migrations.length + 1, description: 'a lab store', upgrade: () => {} };
    const blocked = vi.fn();
    const newer = await openLabDB({ name: tab.dbName, migrations: [...migrations, lab], onEvent: blocked });
    expect(newer.version).toBe(3);
    expect(blocked).not.toHaveBeenCalled();
    expect(p.connection).toBe('version-change');
    await expect(p.saveNotes('1/ai-evolution', 'x')).rejects.toThrow('Storage is closed (version-change); reload the page');
    p.visit('1/ai-evolution');
    await vi.waitFor(() => expect(p.lastError).toBe('Storage is closed (version-change); reload the page to continue saving progress.'), PATIENT);
    newer.close();
  });
});

describe('the browser closing the database', () => {
  it('reports "terminated" and refuses further writes with a clear error', async () => {
    let opened: OpenedStorage | null = null;
    const p = store({
      open: async (o) => (opened = await openStorage({ ...o, name: tab.dbName })),
    });
    await p.ready;
    forceCloseDatabase(unwrap(opened!.database!) as never);
    await vi.waitFor(() => expect(p.connection).toBe('terminated'), PATIENT);
    await expect(p.setStatus('1/ai-evolution', 'done')).rejects.toThrow('Storage is closed (terminated)');
  });
});

describe('damaged records', () => {
  it('are skipped and reported; the rest loads', async () => {
    const db = await openLabDB({ name: tab.dbName });
    await db.put('topics', { key: '1/ai-evolution', status: 'done', quizAttempts: [], bestScore: null, timeSpentMs: 5, lastVisited: 9 });
    await (db as unknown as { put(s: string, v: unknown): Promise<unknown> }).put('topics', { key: '2/transformer', status: 'done', quizAttempts: 'lots' });
    db.close();
    const p = store();
    await p.ready;
    expect(p.topic('1/ai-evolution').status).toBe('done');
    expect(p.topic('2/transformer').status).toBe('not-started');
    expect(p.damaged).toEqual([
      { store: 'topics', key: '2/transformer', problem: 'topics["2/transformer"].quizAttempts: expected an array, found a string' },
    ]);
    const raw = await openDB(tab.dbName);
    expect(await raw.count('topics')).toBe(2); // reported, not deleted
    raw.close();
  });
});
