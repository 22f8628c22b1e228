import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { QuizAttempt } from '../lib/storage/records';
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
const attempt = (at: number, score: number, total = 4): QuizAttempt => ({ at, score, total, answers: [[0], [1], [2], [3]].slice(0, total) });

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  tab = newTabContext();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.dispose()));
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A second page load: a new store on the same database, after the first one has written. */
async function reloaded(): Promise<ProgressStore> {
  const s = store();
  await s.ready;
  return s;
}

describe('ProgressStore basics', () => {
  it('topic(key) is a default record before anything is recorded', async () => {
    const p = store();
    await p.ready;
    expect(p.topic('2/transformer')).toEqual({
      key: '2/transformer',
      status: 'not-started',
      quizAttempts: [],
      bestScore: null,
      timeSpentMs: 0,
      lastVisited: null,
      notes: '',
    });
    expect([p.persistent, p.connection, p.fallbackReason, p.isEmpty()]).toEqual([true, 'open', null, true]);
  });

  it('visit(key) sets lastVisited and moves not-started to in-progress, at once and in storage', async () => {
    const p = store();
    p.visit('2/transformer');
    expect(p.topic('2/transformer')).toMatchObject({ status: 'in-progress', lastVisited: tab.clock.now });
    await p.setStatus('2/transformer', 'done');
    tab.clock.now += 1_000;
    p.visit('2/transformer');
    await vi.waitFor(async () => expect((await reloaded()).topic('2/transformer')).toMatchObject({ status: 'done', lastVisited: tab.clock.now }), PATIENT);
  });

  it('visit(key) and the other methods refuse a malformed key', () => {
    const p = store();
    expect(() => p.visit('transformer' as never)).toThrow('invalid topic key "transformer"');
    expect(() => p.addTime('2/transformer', -5)).toThrow(RangeError);
    expect(() => p.addTime('2/transformer', NaN)).toThrow(RangeError);
  });

  it('addTime(key, ms) shows the time at once and writes it in one batch', async () => {
    const p = store({ timeFlushMs: 60_000 });
    await p.ready;
    p.addTime('2/transformer', 1_000);
    p.addTime('2/transformer', 2_500.4);
    p.addTime('1/ai-evolution', 700);
    expect(p.topic('2/transformer').timeSpentMs).toBe(3_500);
    expect((await reloaded()).topic('2/transformer').timeSpentMs).toBe(0);
    await p.flush();
    const other = await reloaded();
    expect([other.topic('2/transformer').timeSpentMs, other.topic('1/ai-evolution').timeSpentMs]).toEqual([3_500, 700]);
    expect(p.topic('2/transformer').timeSpentMs).toBe(3_500);
  });

  it('addTime() flushes by itself after the batching delay', async () => {
    const p = store({ timeFlushMs: 20 });
    await p.ready;
    p.addTime('2/transformer', 1_000);
    await vi.waitFor(async () => expect((await reloaded()).topic('2/transformer').timeSpentMs).toBe(1_000), PATIENT);
  });

  it('recordQuiz(key, attempt) keeps attempts and the best score; full marks make the topic done', async () => {
    const p = store();
    await p.recordQuiz('2/transformer', attempt(1, 2));
    expect(p.topic('2/transformer')).toMatchObject({ status: 'in-progress', bestScore: 0.5 });
    await p.recordQuiz('2/transformer', attempt(2, 4));
    await p.recordQuiz('2/transformer', attempt(3, 1));
    const t = (await reloaded()).topic('2/transformer');
    expect([t.status, t.bestScore, t.quizAttempts.map((a) => a.score)]).toEqual(['done', 1, [2, 4, 1]]);
    await expect(p.recordQuiz('2/transformer', { at: 4, score: 5, total: 4, answers: [] })).rejects.toThrow(
      'attempt: score 5 is greater than total 4',
    );
  });

  it('saveNotes(key, markdown) saves the notes without touching the rest of the topic', async () => {
    const p = store();
    await p.recordQuiz('2/transformer', attempt(1, 3));
    await p.saveNotes('2/transformer', '# Q, K, V\n\n- 注意力');
    const t = (await reloaded()).topic('2/transformer');
    expect([t.notes, t.bestScore]).toEqual(['# Q, K, V\n\n- 注意力', 0.75]);
    await expect(p.saveNotes('2/transformer', 'x'.repeat(200_001))).rejects.toThrow('notes: is 200001 characters long');
  });

  it('saveExperiment() stores plain JSON and returns the id; experiments() lists newest first', async () => {
    const p = store();
    const a = await p.saveExperiment({ labId: 'attention', title: 'a', input: { text: 'x' }, summary: 's' });
    tab.clock.now += 1;
    const b = await p.saveExperiment({ labId: 'ner', title: 'b', input: ['y'], summary: 's', output: { spans: [[0, 2]] } });
    tab.clock.now += 1;
    const c = await p.saveExperiment({ labId: 'attention', title: 'c', input: null, summary: 's', output: undefined });
    expect(p.experiments().map((e) => e.id)).toEqual([c, b, a]);
    expect(p.experiments('attention').map((e) => e.id)).toEqual([c, a]);
    expect(p.getExperiment(b)).toEqual({ id: b, labId: 'ner', title: 'b', input: ['y'], summary: 's', output: { spans: [[0, 2]] }, createdAt: tab.clock.now - 1 });
    expect('output' in p.getExperiment(c)!).toBe(false);
    await p.deleteExperiment(a);
    expect((await reloaded()).experiments().map((e) => e.id)).toEqual([c, b]);
    await expect(p.saveExperiment({ labId: 'vector-search', title: 't', input: { v: new Float32Array(2) }, summary: '' })).rejects.toThrow(
      'experiment.input.v: expected a JSON value, found a Float32Array object',
    );
    await expect(p.saveExperiment({ labId: 'Vector Search', title: 't', input: 1, summary: '' })).rejects.toThrow('experiment.labId');
  });

  it('recent(n) gives the last visited topics, latest first', async () => {
    const p = store();
    for (const key of ['1/ai-evolution', '2/transformer', '5/rag'] as const) {
      tab.clock.now += 10;
      p.visit(key);
    }
    await p.setStatus('7/peft', 'done');
    expect(p.recent(2).map((t) => t.key)).toEqual(['5/rag', '2/transformer']);
    await vi.waitFor(async () => expect((await reloaded()).recent(5).map((t) => t.key)).toEqual(['5/rag', '2/transformer', '1/ai-evolution']), PATIENT);
  });

  it('asks the browser once to keep storage, after the first write', async () => {
    const persist = vi.fn(async () => true);
    const p = store({ storageManager: { persist, estimate: async () => ({ usage: 10, quota: 100 }) } });
    await p.ready;
    expect(persist).not.toHaveBeenCalled();
    await p.setStatus('1/ai-evolution', 'done');
    await p.setStatus('1/ai-evolution', 'in-progress');
    await vi.waitFor(() => expect(persist).toHaveBeenCalledTimes(1), PATIENT);
    expect(await p.storageEstimate()).toEqual({ usage: 10, quota: 100 });
  });
});

describe('ProgressStore reactivity', () => {
  it('a $derived on topic(key), recent() and experiments() follows every change', async () => {
    const p = store();
    await p.ready;
    const seen: string[] = [];
    const stop = $effect.root(() => {
      const t = $derived(p.topic('2/transformer'));
      const last = $derived(p.recent(1)[0]?.key ?? 'none');
      const count = $derived(p.experiments().length);
      $effect(() => {
        seen.push(`${t.status}/${t.timeSpentMs}/${last}/${count}`);
      });
    });
    flushSync();
    p.visit('2/transformer');
    flushSync();
    p.addTime('2/transformer', 500);
    flushSync();
    await p.saveExperiment({ labId: 'attention', title: 't', input: 1, summary: '' });
    flushSync();
    stop();
    expect(seen).toEqual(['not-started/0/none/0', 'in-progress/0/2/transformer/0', 'in-progress/500/2/transformer/0', 'in-progress/500/2/transformer/1']);
  });
});

describe('ProgressStore export and import', () => {
  async function fill(p: ProgressStore) {
    p.visit('1/ai-evolution');
    tab.clock.now += 60_000;
    p.visit('2/transformer');
    p.addTime('2/transformer', 90_000);
    await p.recordQuiz('2/transformer', attempt(tab.clock.now, 4));
    await p.saveNotes('2/transformer', '# Attention\n\n$QK^T$');
    await p.saveNotes('5/rag', 'read later');
    await p.saveExperiment({ labId: 'attention', title: 'The animal', input: { text: 'The animal' }, summary: 'head 3', output: [[0.1, 0.9]] });
    await p.flush();
  }

  it('export → clear → import (replace) gives back an identical export', async () => {
    const p = store();
    await fill(p);
    const before = await (await p.exportJSON()).text();
    expect(JSON.parse(before)).toMatchObject({ app: 'llm-learning-lab', kind: 'progress', schemaVersion: 1 });
    await p.clearAll();
    expect(p.isEmpty()).toBe(true);
    expect(p.topic('2/transformer').status).toBe('not-started');
    const checked = p.validateImport(before);
    if (!checked.ok) throw new Error(checked.error);
    expect(checked.summary).toMatchObject({ topics: 3, done: 1, quizAttempts: 1, notes: 2, experiments: 1 });
    await p.importData(checked.data, 'replace');
    expect(await (await p.exportJSON()).text()).toBe(before);
    expect(await (await (await reloaded()).exportJSON()).text()).toBe(before);
    expect(p.topic('2/transformer')).toMatchObject({ status: 'done', bestScore: 1, timeSpentMs: 90_000, notes: '# Attention\n\n$QK^T$' });
  });

  it('importData(merge) keeps local progress and adds the file; replace keeps only the file', async () => {
    const source = store();
    await fill(source);
    const file = source.validateImport(await (await source.exportJSON()).text());
    if (!file.ok) throw new Error(file.error);

    const other = newTabContext();
    const local = storeFor(other);
    open.push(local);
    other.clock.now = tab.clock.now + 1_000_000;
    await local.setStatus('1/ai-evolution', 'done');
    local.addTime('2/transformer', 10_000);
    await local.saveExperiment({ labId: 'ner', title: 'mine', input: 'x', summary: '' });
    await local.importData(file.data, 'merge');
    expect(local.topic('1/ai-evolution').status).toBe('done');
    expect(local.topic('2/transformer')).toMatchObject({ status: 'done', timeSpentMs: 90_000, bestScore: 1 });
    expect(local.topic('5/rag').notes).toBe('read later');
    expect(local.experiments().map((e) => e.title).sort()).toEqual(['The animal', 'mine']);

    await local.importData(file.data, 'replace');
    expect(local.topic('1/ai-evolution').status).toBe('in-progress');
    expect(local.experiments().map((e) => e.title)).toEqual(['The animal']);
  });

  it('an import that fails half-way through writing changes nothing, in the store or in storage', async () => {
    const p = store({
      open: async (o) => {
        const opened = await (await import('../lib/storage/open-storage')).openStorage({ ...o, name: tab.dbName });
        const real = opened.backend;
        const faulty = new Proxy(real, {
          get(target, prop) {
            if (prop === 'rewrite') {
              // The storage fails on the second record it writes (as on a full disk).
              return (next: Parameters<typeof real.rewrite>[0], replace: boolean) =>
                real.rewrite((current) => {
                  const result = next(current);
                  return { ...result, experiments: [result.experiments[0]!, { id: 'bad', input: () => 1 } as never, ...result.experiments.slice(1)] };
                }, replace);
            }
            const value: unknown = Reflect.get(target, prop, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        return { ...opened, backend: faulty };
      },
    });
    await fill(p);
    const before = await (await p.exportJSON()).text();
    const snapshot = JSON.stringify([p.topic('2/transformer'), p.topic('5/rag'), p.experiments()]);
    const file = p.validateImport(before);
    if (!file.ok) throw new Error(file.error);
    await expect(p.importData(file.data, 'replace')).rejects.toThrow();
    expect(JSON.stringify([p.topic('2/transformer'), p.topic('5/rag'), p.experiments()])).toBe(snapshot);
    expect(await (await (await reloaded()).exportJSON()).text()).toBe(before);
  });

  it('a full disk sets storageFull (for the UI to say so) until a write succeeds; nothing stored changes', async () => {
    const p = store();
    await fill(p);
    const before = await (await p.exportJSON()).text();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(p.saveNotes('2/transformer', 'too much')).rejects.toThrow(/storage is full/);
    expect(p.storageFull).toBe(true);
    const file = p.validateImport(before);
    if (!file.ok) throw new Error(file.error);
    await expect(p.importData(file.data, 'merge')).rejects.toThrow(/storage is full/);
    put.mockRestore();
    expect(await (await (await reloaded()).exportJSON()).text()).toBe(before);
    await p.saveNotes('2/transformer', 'fits now');
    expect(p.storageFull).toBe(false);
  });

  it('importData() refuses an unknown mode before writing anything', async () => {
    const p = store();
    await expect(p.importData({} as never, 'overwrite' as never)).rejects.toThrow('invalid import mode "overwrite"');
  });
});
