import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdbBackend, openLabDB, type LabDB } from './db';
import { migrations, v1Initial, v2NotesAndTime, type Migration } from './migrations';
import type { TopicRecord } from './records';
import type { ConnectionEvent } from './storage-backend';
import { StorageClosedError, StorageFullError } from './storage-backend';

/** The machine may be busy: give cross-tab and IndexedDB events time to arrive. */
const PATIENT = { timeout: 5_000, interval: 20 };

const NAME = 'db-test';
const now = () => 1_700_000_000_000;

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** What v1 of the app wrote: notes inline, no timeSpentMs. */
const v1Topics = [
  {
    key: '2/transformer',
    status: 'done',
    quizAttempts: [{ at: 1_600_000_000_000, score: 4, total: 4, answers: [[0], [1], [2], [0, 3]] }],
    bestScore: 1,
    lastVisited: 1_650_000_000_000,
    notes: '# Attention\nQ, K, V',
  },
  { key: '1/ai-evolution', status: 'in-progress', quizAttempts: [], bestScore: null, lastVisited: 1_640_000_000_000, notes: '' },
  { key: '3/python-basics', status: 'not-started', quizAttempts: [], bestScore: null, lastVisited: null, notes: 'todo' },
];
const v1Experiment = { id: 'e1', labId: 'attention', title: 'The animal', input: { text: 'The animal' }, summary: 's', createdAt: 5 };

async function createV1Database(): Promise<void> {
  const db = await openLabDB({ name: NAME, migrations: [v1Initial], now });
  const tx = db.transaction(['topics', 'experiments'], 'readwrite');
  for (const t of v1Topics) await tx.objectStore('topics').put(t as never);
  await tx.objectStore('experiments').put(v1Experiment);
  await tx.done;
  db.close();
}

describe('openLabDB migrations', () => {
  it('opens a v1 database at v2 with every record intact and migrated', async () => {
    await createV1Database();
    const db = await openLabDB({ name: NAME, now: () => now() + 1 });
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['experiments', 'meta', 'notes', 'topics']);

    const topics = await db.getAll('topics');
    expect(topics).toEqual([
      { key: '1/ai-evolution', status: 'in-progress', quizAttempts: [], bestScore: null, lastVisited: 1_640_000_000_000, timeSpentMs: 0 },
      {
        key: '2/transformer',
        status: 'done',
        quizAttempts: v1Topics[0]!.quizAttempts,
        bestScore: 1,
        lastVisited: 1_650_000_000_000,
        timeSpentMs: 0,
      },
      { key: '3/python-basics', status: 'not-started', quizAttempts: [], bestScore: null, lastVisited: null, timeSpentMs: 0 },
    ]);
    expect(await db.getAll('notes')).toEqual([
      { key: '2/transformer', markdown: '# Attention\nQ, K, V', updatedAt: 1_650_000_000_000 },
      { key: '3/python-basics', markdown: 'todo', updatedAt: now() + 1 },
    ]);
    expect(await db.getAllFromIndex('experiments', 'by-lab', 'attention')).toEqual([v1Experiment]);
    expect(await db.getAllFromIndex('experiments', 'by-created')).toEqual([v1Experiment]);
    expect(await db.get('meta', 'schema')).toEqual({
      version: 2,
      history: [
        { version: 1, at: now() },
        { version: 2, at: now() + 1 },
      ],
    });
    const loaded = await new IdbBackend(db).load();
    expect(loaded.damaged).toEqual([]);
    expect(loaded.topics).toHaveLength(3);
    db.close();
  });

  it('a fresh database gets every migration at once', async () => {
    const db = await openLabDB({ name: NAME, now });
    expect(db.version).toBe(migrations.length);
    expect(await db.get('meta', 'schema')).toEqual({ version: 2, history: [{ version: 2, at: now() }] });
    db.close();
  });

  it('a failing migration rejects with its error and leaves the old version and records as they were', async () => {
    await createV1Database();
    const broken: Migration = {
      version: 2,
      description: 'breaks half-way',
      async upgrade(db, tx) {
        db.createObjectStore('notes', { keyPath: 'key' });
        await tx.objectStore('topics').clear();
        throw new Error('boom');
      },
    };
    await expect(openLabDB({ name: NAME, migrations: [v1Initial, broken], now })).rejects.toThrow(
      'IndexedDB migration to v2 (breaks half-way) failed: Error: boom',
    );
    const db = await openDB(NAME);
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames].sort()).toEqual(['experiments', 'meta', 'topics']);
    expect(await db.count('topics')).toBe(3);
    db.close();
  });

  it('refuses a migration list that is not numbered 1, 2, 3, …', async () => {
    await expect(openLabDB({ name: NAME, migrations: [v2NotesAndTime] })).rejects.toThrow(
      'has version 2, expected 1',
    );
    await expect(openLabDB({ name: NAME, migrations: [] })).rejects.toThrow(RangeError);
  });
});

describe('openLabDB connection events', () => {
  const v3: Migration = {
    version: 3,
    description: 'a lab adds a store',
    upgrade(db) {
      (db as unknown as LabDB & { createObjectStore(name: string): unknown }).createObjectStore('vectors');
    },
  };

  it('closes cleanly on versionchange from a newer tab, so that tab is not blocked', async () => {
    const events: ConnectionEvent[] = [];
    const old = await openLabDB({ name: NAME, onEvent: (e) => events.push(e) });
    const backend = new IdbBackend(old);
    const blockedNewer = vi.fn();
    const newer = await openLabDB({ name: NAME, migrations: [...migrations, v3], onEvent: blockedNewer });
    expect(newer.version).toBe(3);
    expect(events).toEqual(['version-change']);
    expect(blockedNewer).not.toHaveBeenCalled();
    backend.markClosed('version-change');
    await expect(backend.putNote({ key: '1/a', markdown: 'x', updatedAt: 1 })).rejects.toBeInstanceOf(StorageClosedError);
    newer.close();
  });

  it('reports blocked while an older connection will not close, and opens once it does', async () => {
    (await openLabDB({ name: NAME })).close();
    const stubborn = await openDB(NAME, 2); // like an old tab whose code has no versionchange handler
    const events: ConnectionEvent[] = [];
    const opening = openLabDB({ name: NAME, migrations: [...migrations, v3], onEvent: (e) => events.push(e) });
    await vi.waitFor(() => expect(events).toEqual(['blocked']), PATIENT);
    stubborn.close();
    const db = await opening;
    expect(db.version).toBe(3);
    db.close();
  });
});

describe('IdbBackend with damaged records', () => {
  let db: LabDB;
  let backend: IdbBackend;
  const good: TopicRecord = { key: '1/ai-evolution', status: 'done', quizAttempts: [], bestScore: null, timeSpentMs: 3, lastVisited: 9 };
  const putRaw = async (store: 'topics' | 'notes' | 'experiments', value: unknown) => {
    await (db as unknown as { put(s: string, v: unknown): Promise<unknown> }).put(store, value);
  };

  beforeEach(async () => {
    db = await openLabDB({ name: NAME });
    backend = new IdbBackend(db);
    await db.put('topics', good);
    await db.put('notes', { key: '1/ai-evolution', markdown: 'fine', updatedAt: 2 });
    await db.put('experiments', v1Experiment);
  });
  afterEach(() => db.close());

  it('load() skips and reports each damaged record, loading the rest', async () => {
    await putRaw('topics', { ...good, key: '3/python-basics', status: 'finished' });
    await putRaw('topics', { ...good, key: '3/prompt-engineering', quizAttempts: [{ at: 1, score: 5, total: 3, answers: [] }] });
    await putRaw('topics', { key: '4/rag', status: 'done', bestScore: 1, timeSpentMs: 0, lastVisited: null });
    await putRaw('notes', { key: '4/rag', markdown: 7, updatedAt: 1 });
    await putRaw('experiments', { id: 'z', labId: 'attention', title: 'no input', summary: '', createdAt: 4 });
    const loaded = await backend.load();
    expect(loaded.topics).toEqual([good]);
    expect(loaded.notes).toEqual([{ key: '1/ai-evolution', markdown: 'fine', updatedAt: 2 }]);
    expect(loaded.experiments).toEqual([v1Experiment]);
    expect(loaded.damaged).toEqual([
      {
        store: 'topics',
        key: '3/prompt-engineering',
        problem: 'topics["3/prompt-engineering"].quizAttempts[0]: score 5 is greater than total 3',
      },
      {
        store: 'topics',
        key: '3/python-basics',
        problem: 'topics["3/python-basics"].status: expected "not-started" or "in-progress" or "done", found "finished"',
      },
      { store: 'topics', key: '4/rag', problem: 'topics["4/rag"].quizAttempts: is missing' },
      { store: 'notes', key: '4/rag', problem: 'notes["4/rag"].markdown: expected a string, found a number' },
      { store: 'experiments', key: 'z', problem: 'experiments["z"].input: is missing' },
    ]);
  });

  it('loadSome() reports a damaged record it was asked for', async () => {
    await putRaw('topics', { ...good, key: '3/python-basics', timeSpentMs: -1 });
    const loaded = await backend.loadSome(['3/python-basics', '1/ai-evolution'], []);
    expect(loaded.topics).toEqual([good]);
    expect(loaded.damaged).toEqual([
      { store: 'topics', key: '3/python-basics', problem: 'topics["3/python-basics"].timeSpentMs: -1 is out of range [0, 9007199254740991]' },
    ]);
  });

  it('updateTopics() replaces a damaged record with a fresh one', async () => {
    await putRaw('topics', { key: '3/python-basics', status: 42 });
    const [written] = await backend.updateTopics(['3/python-basics'], (t) => ({ ...t, lastVisited: 7 }));
    expect(written).toEqual({ key: '3/python-basics', status: 'not-started', quizAttempts: [], bestScore: null, timeSpentMs: 0, lastVisited: 7 });
    expect((await backend.load()).damaged).toEqual([]);
  });
});

describe('IdbBackend on a full disk', () => {
  let db: LabDB;
  let backend: IdbBackend;
  const topic: TopicRecord = { key: '1/ai-evolution', status: 'done', quizAttempts: [], bestScore: null, timeSpentMs: 3, lastVisited: 9 };

  beforeEach(async () => {
    db = await openLabDB({ name: NAME });
    backend = new IdbBackend(db);
    await backend.updateTopics([topic.key], () => topic);
    await backend.putNote({ key: topic.key, markdown: 'kept', updatedAt: 1 });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    db.close();
  });

  it('every write refused for lack of space rejects with StorageFullError and leaves the records as they were', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const writes = [
      () => backend.putNote({ key: topic.key, markdown: 'lost', updatedAt: 2 }),
      () => backend.putExperiment(v1Experiment),
      () => backend.updateTopics([topic.key, '2/transformer'], (t) => ({ ...t, timeSpentMs: t.timeSpentMs + 1 })),
      () => backend.rewrite(() => ({ topics: [], notes: [], experiments: [v1Experiment] }), true),
      () => backend.setMeta('persistence', { requestedAt: 1, granted: true }),
    ];
    for (const write of writes) await expect(write()).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    const loaded = await backend.load();
    expect([loaded.topics, loaded.notes, loaded.experiments]).toEqual([[topic], [{ key: topic.key, markdown: 'kept', updatedAt: 1 }], []]);
  });
});
