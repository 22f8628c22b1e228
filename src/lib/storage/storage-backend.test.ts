/** The contract of storage-backend.ts, run against both backends. */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdbBackend, openLabDB, type LabDB } from './db';
import { MemoryBackend } from './memory-backend';
import { defaultTopicRecord, type Experiment, type NoteRecord, type TopicRecord } from './records';
import type { StorageBackend, StorageSnapshot } from './storage-backend';
import { string } from './validate';

const topic = (key: `${number}/${string}`, fields: Partial<TopicRecord> = {}): TopicRecord => ({
  ...defaultTopicRecord(key),
  ...fields,
});
const note = (key: `${number}/${string}`, markdown: string, updatedAt = 10): NoteRecord => ({ key, markdown, updatedAt });
const exp = (id: string, createdAt: number, fields: Partial<Experiment> = {}): Experiment => ({
  id,
  labId: 'attention',
  title: `run ${id}`,
  input: { text: 'The animal' },
  summary: 'heads 3 and 5 look back',
  createdAt,
  ...fields,
});

const seed: StorageSnapshot = {
  topics: [topic('1/ai-evolution', { status: 'done' }), topic('2/transformer', { timeSpentMs: 5 })],
  notes: [note('2/transformer', '# notes')],
  experiments: [exp('a', 1), exp('b', 2, { output: [1, 2] })],
};

interface Harness {
  backend: StorageBackend;
}

const backends: [string, () => Promise<Harness>][] = [
  [
    'IdbBackend',
    async () => {
      vi.stubGlobal('indexedDB', new IDBFactory());
      const db: LabDB = await openLabDB({ name: 'contract' });
      return { backend: new IdbBackend(db) };
    },
  ],
  ['MemoryBackend', async () => ({ backend: new MemoryBackend() })],
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each(backends)('%s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
    await h.backend.rewrite(() => structuredClone(seed), true);
  });
  afterEach(() => h.backend.close());

  it('load() returns every stored record', async () => {
    const loaded = await h.backend.load();
    expect(loaded.topics).toEqual(seed.topics);
    expect(loaded.notes).toEqual(seed.notes);
    expect([...loaded.experiments].sort((a, b) => a.createdAt - b.createdAt)).toEqual(seed.experiments);
    expect(loaded.damaged).toEqual([]);
  });

  it('loadSome() returns only the asked-for records, and nothing for absent ones', async () => {
    const loaded = await h.backend.loadSome(['2/transformer', '7/peft'], ['b', 'zzz']);
    expect(loaded.topics).toEqual([seed.topics[1]]);
    expect(loaded.notes).toEqual(seed.notes);
    expect(loaded.experiments).toEqual([seed.experiments[1]]);
  });

  it('updateTopics() starts from a default record for a new key and returns what it wrote', async () => {
    const written = await h.backend.updateTopics(['2/transformer', '5/rag'], (t) => ({ ...t, timeSpentMs: t.timeSpentMs + 100 }));
    expect(written).toEqual([topic('2/transformer', { timeSpentMs: 105 }), topic('5/rag', { timeSpentMs: 100 })]);
    expect((await h.backend.load()).topics).toEqual([seed.topics[0], ...written]);
  });

  it('updateTopics() changes nothing when the change throws part-way', async () => {
    let calls = 0;
    const change = (t: TopicRecord) => {
      if (++calls === 2) throw new Error('second fails');
      return { ...t, status: 'done' as const };
    };
    await expect(h.backend.updateTopics(['2/transformer', '5/rag'], change)).rejects.toThrow('second fails');
    expect((await h.backend.load()).topics).toEqual(seed.topics);
  });

  it('rewrite(replace) empties the stores first; rewrite(merge) keeps records it does not mention', async () => {
    await h.backend.rewrite(() => ({ topics: [topic('5/rag')], notes: [], experiments: [] }), false);
    let loaded = await h.backend.load();
    expect(loaded.topics.map((t) => t.key)).toEqual(['1/ai-evolution', '2/transformer', '5/rag']);
    expect(loaded.experiments).toHaveLength(2);
    await h.backend.rewrite(() => ({ topics: [topic('5/rag')], notes: [], experiments: [] }), true);
    loaded = await h.backend.load();
    expect(loaded).toEqual({ topics: [topic('5/rag')], notes: [], experiments: [], damaged: [] });
  });

  it('rewrite() that fails half-way through writing changes nothing, even after emptying the stores', async () => {
    const uncloneable = exp('c', 3, { input: { run: () => 1 } });
    const next = (current: StorageSnapshot): StorageSnapshot => ({
      topics: [...current.topics, topic('5/rag')],
      notes: [],
      experiments: [exp('x', 9), uncloneable, exp('y', 10)],
    });
    await expect(h.backend.rewrite(next, true)).rejects.toThrow();
    const loaded = await h.backend.load();
    expect(loaded.topics).toEqual(seed.topics);
    expect(loaded.notes).toEqual(seed.notes);
    expect(loaded.experiments.map((e) => e.id).sort()).toEqual(['a', 'b']);
  });

  it('rewrite() passes the current valid records to `next`', async () => {
    let seen: StorageSnapshot | null = null;
    await h.backend.rewrite((current) => {
      seen = current;
      return { topics: [], notes: [], experiments: [] };
    }, false);
    expect(seen!.topics).toEqual(seed.topics);
    expect(seen!.notes).toEqual(seed.notes);
  });

  it('putNote(), putExperiment() and deleteExperiment() write single records', async () => {
    await h.backend.putNote(note('1/ai-evolution', 'hello', 20));
    await h.backend.putExperiment(exp('c', 3));
    await h.backend.deleteExperiment('a');
    const loaded = await h.backend.load();
    expect(loaded.notes).toEqual([note('1/ai-evolution', 'hello', 20), seed.notes[0]]);
    expect(loaded.experiments.map((e) => e.id).sort()).toEqual(['b', 'c']);
  });

  it('stores copies: changing a record after writing it changes nothing stored', async () => {
    const e = exp('c', 3, { input: { text: 'before' } });
    await h.backend.putExperiment(e);
    (e.input as { text: string }).text = 'after';
    const loaded = await h.backend.loadSome([], ['c']);
    expect(loaded.experiments[0]!.input).toEqual({ text: 'before' });
  });

  it('getMeta() checks what it reads; setMeta() and deleteMeta() round-trip', async () => {
    const check = string();
    expect(await h.backend.getMeta('secret:llm-api', check)).toBeUndefined();
    await h.backend.setMeta('secret:llm-api', 'sk-123');
    expect(await h.backend.getMeta('secret:llm-api', check)).toBe('sk-123');
    await h.backend.setMeta('secret:llm-api', 42 as never);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await h.backend.getMeta('secret:llm-api', check)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Ignoring damaged meta entry "secret:llm-api": expected a string, found a number');
    warn.mockRestore();
    await h.backend.deleteMeta('secret:llm-api');
    expect(await h.backend.getMeta('secret:llm-api', check)).toBeUndefined();
  });

});
