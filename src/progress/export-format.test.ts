import { describe, expect, it } from 'vitest';
import type { StorageSnapshot } from '../lib/storage/storage-backend';
import { buildExport, EXPORT_SCHEMA_VERSION, MAX_IMPORT_BYTES, MAX_IMPORT_CHARS, snapshotOf, validateImport, validateImportFile, type ProgressExport } from './export-format';

const snapshot: StorageSnapshot = {
  topics: [
    {
      key: '2/transformer',
      status: 'done',
      quizAttempts: [{ at: 1_700_000_000_000, score: 4, total: 4, answers: [[0], [2], [1], [0, 3]] }],
      bestScore: 1,
      timeSpentMs: 600_000,
      lastVisited: 1_700_000_100_000,
    },
    { key: '1/ai-evolution', status: 'in-progress', quizAttempts: [], bestScore: null, timeSpentMs: 1_000, lastVisited: 1_690_000_000_000 },
  ],
  notes: [
    { key: '2/transformer', markdown: '# QKV\n\n注意力', updatedAt: 1_700_000_200_000 },
    { key: '5/rag', markdown: 'notes before visiting', updatedAt: 1_700_000_300_000 },
  ],
  experiments: [
    { id: 'b', labId: 'ner', title: '阿司匹林', input: { text: '阿司匹林' }, summary: '1 entity', output: [{ s: 0, e: 4 }], createdAt: 20 },
    { id: 'a', labId: 'attention', title: 'The animal', input: 'The animal', summary: 'head 3', createdAt: 10 },
  ],
};

const file = (): ProgressExport => buildExport(snapshot, new Date('2026-01-02T03:04:05.000Z'));
const text = (data: unknown) => JSON.stringify(data);
const error = (input: string) => {
  const r = validateImport(input);
  return r.ok ? 'accepted' : `${r.code}: ${r.error}`;
};

describe('buildExport / snapshotOf', () => {
  it('buildExport(snapshot) joins notes to their topics, in key order, experiments oldest first', () => {
    const data = file();
    expect(data).toMatchObject({ app: 'llm-learning-lab', kind: 'progress', schemaVersion: 1, exportedAt: '2026-01-02T03:04:05.000Z' });
    expect(data.topics.map((t) => [t.key, t.notes, t.notesUpdatedAt])).toEqual([
      ['1/ai-evolution', '', null],
      ['2/transformer', '# QKV\n\n注意力', 1_700_000_200_000],
      ['5/rag', 'notes before visiting', 1_700_000_300_000],
    ]);
    expect(data.topics[2]).toMatchObject({ status: 'not-started', timeSpentMs: 0, lastVisited: null });
    expect(data.experiments.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('snapshotOf(buildExport(s)) gives back the same records (plus a default record for a notes-only topic)', () => {
    const back = snapshotOf(file());
    expect(back.notes).toEqual(snapshot.notes);
    expect(back.topics).toEqual([snapshot.topics[1], snapshot.topics[0], { ...back.topics[2], key: '5/rag' }]);
    expect(back.experiments).toEqual([snapshot.experiments[1], snapshot.experiments[0]]);
  });
});

describe('validateImport', () => {
  it('validateImport(text) accepts an export and summarises it', () => {
    const r = validateImport(JSON.stringify(file(), null, 2));
    expect(r).toEqual({
      ok: true,
      data: file(),
      summary: { topics: 3, done: 1, quizAttempts: 1, notes: 2, experiments: 2, exportedAt: '2026-01-02T03:04:05.000Z', ignoredFields: [] },
    });
  });

  it('rejects an empty file', () => {
    expect(error('')).toBe('empty: The file is empty.');
    expect(error(' \n\t')).toBe('empty: The file is empty.');
  });

  it('rejects text that is not JSON', () => {
    expect(error('name,score\ntransformer,4')).toMatch(/^not-json: The file is not JSON \(.+\)\.$/s);
  });

  it('rejects JSON that was cut short', () => {
    const full = text(file());
    expect(error(full.slice(0, Math.floor(full.length / 2)))).toBe('truncated: The file is cut short: its JSON ends before it is complete.');
    expect(error(full.slice(0, -1))).toBe('truncated: The file is cut short: its JSON ends before it is complete.');
  });

  it("rejects another app's file, or another kind of file", () => {
    expect(error(text({ ...file(), app: 'other-app' }))).toBe(
      'foreign: This is not an LLM Learning Lab progress file: its "app" is "other-app" and its "kind" is "progress".',
    );
    expect(error(text({ ...file(), kind: 'collection' }))).toBe(
      'foreign: This is not an LLM Learning Lab progress file: its "app" is "llm-learning-lab" and its "kind" is "collection".',
    );
    expect(error(text({ name: 'package', version: '1.0.0' }))).toBe(
      'foreign: This is not an LLM Learning Lab progress file: its "app" is missing and its "kind" is missing.',
    );
    expect(error('[1, 2, 3]')).toBe('foreign: This is not an LLM Learning Lab progress file: it holds no object at the top level.');
  });

  it('rejects a file from a newer version of the format', () => {
    expect(error(text({ ...file(), schemaVersion: EXPORT_SCHEMA_VERSION + 1 }))).toBe(
      'newer-version: The file was written by a newer version of the app (format 2; this version reads up to 1). Update the app, then import it.',
    );
  });

  it('rejects wrong-typed and missing fields, naming the field', () => {
    const data = file();
    const cases: [unknown, string][] = [
      [{ ...data, schemaVersion: '1' }, 'file.schemaVersion: expected an integer, found a string'],
      [{ ...data, topics: {} }, 'file.topics: expected an array, found an object'],
      [{ ...data, topics: [{ ...data.topics[0], status: 'finished' }] }, 'file.topics[0].status: expected "not-started" or "in-progress" or "done", found "finished"'],
      [{ ...data, topics: [{ ...data.topics[1], timeSpentMs: '10 min' }] }, 'file.topics[0].timeSpentMs: expected an integer, found a string'],
      [{ ...data, topics: [{ ...data.topics[1], quizAttempts: [{ at: 1, score: 5, total: 4, answers: [] }] }] }, 'file.topics[0].quizAttempts[0]: score 5 is greater than total 4'],
      [{ ...data, topics: [{ ...data.topics[1], notesUpdatedAt: null }] }, 'file.topics[0]: has notes but notesUpdatedAt is null'],
      [{ ...data, experiments: [{ ...data.experiments[0], createdAt: undefined }] }, 'file.experiments[0].createdAt: is missing'],
      [{ ...data, exportedAt: 'yesterday' }, 'file.exportedAt: "yesterday" is not a date'],
    ];
    for (const [value, message] of cases) {
      const r = validateImport(text(value));
      expect(r.ok ? 'accepted' : [r.code, r.error]).toEqual(['invalid-field', `The file has a faulty field: ${message}.`]);
    }
    const missing = validateImport(text({ ...data, topics: undefined }));
    expect(missing.ok ? null : [missing.error, missing.path]).toEqual(['The file has a faulty field: file.topics: is missing.', 'file.topics']);
  });

  it('ignores unknown fields, leaving them out and listing them', () => {
    const data = file();
    const r = validateImport(text({ ...data, comment: 'hi', topics: [{ ...data.topics[0], mood: 'happy' }, data.topics[1]] }));
    expect(r.ok && r.summary.ignoredFields).toEqual(['file.comment', 'file.topics[0].mood']);
    expect(r.ok && 'mood' in r.data.topics[0]!).toBe(false);
    expect(r.ok && 'comment' in r.data).toBe(false);
  });

  it('rejects huge arrays and oversized values', () => {
    const data = file();
    const topic = data.topics[0]!;
    expect(error(text({ ...data, topics: Array.from({ length: 2_001 }, () => topic) }))).toBe(
      'invalid-field: The file has a faulty field: file.topics: has 2001 entries; at most 2000 allowed.',
    );
    const attempts = Array.from({ length: 1_001 }, (_, i) => ({ at: i, score: 1, total: 1, answers: [] }));
    expect(error(text({ ...data, topics: [{ ...topic, quizAttempts: attempts }] }))).toBe(
      'invalid-field: The file has a faulty field: file.topics[0].quizAttempts: has 1001 entries; at most 1000 allowed.',
    );
    expect(error(text({ ...data, topics: [{ ...topic, notes: 'x'.repeat(200_001) }] }))).toBe(
      'invalid-field: The file has a faulty field: file.topics[0].notes: is 200001 characters long; at most 200000 allowed.',
    );
    expect(error(' '.repeat(MAX_IMPORT_CHARS + 1))).toBe('empty: The file is empty.');
    expect(error(`${text(data)}${' '.repeat(MAX_IMPORT_CHARS)}`)).toBe(
      `too-large: The file is ${text(data).length + MAX_IMPORT_CHARS} characters long; at most ${MAX_IMPORT_CHARS} are accepted.`,
    );
  });

  it('rejects a topic or an experiment listed twice', () => {
    const data = file();
    expect(error(text({ ...data, topics: [data.topics[0], data.topics[0]] }))).toBe('duplicate: Topic "1/ai-evolution" appears twice in the file.');
    expect(error(text({ ...data, experiments: [data.experiments[0], data.experiments[0]] }))).toBe(
      'duplicate: Experiment "a" appears twice in the file.',
    );
  });
});

describe('validateImportFile', () => {
  const picked = (bytes: Uint8Array, size = bytes.length) => {
    const f = { size, reads: 0, arrayBuffer: async () => (f.reads++, bytes.slice().buffer) };
    return f;
  };
  const code = async (f: ReturnType<typeof picked>) => {
    const r = await validateImportFile(f);
    return r.ok ? 'accepted' : r.code;
  };

  it('validateImportFile(file) reads a UTF-8 export (with or without BOM) and checks it like validateImport', async () => {
    const utf8 = new TextEncoder().encode(text(file()));
    expect(await code(picked(utf8))).toBe('accepted');
    expect(await code(picked(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])))).toBe('accepted');
    expect(await code(picked(new TextEncoder().encode('{"app": "other"}')))).toBe('foreign');
  });

  it('refuses an empty or over-large file without reading it', async () => {
    const empty = picked(new Uint8Array(0));
    const huge = picked(new Uint8Array(4), MAX_IMPORT_BYTES + 1);
    expect([await code(empty), await code(huge)]).toEqual(['empty', 'too-large']);
    expect([empty.reads, huge.reads]).toEqual([0, 0]);
  });

  it('refuses binary data and text in another encoding (which would turn notes into mojibake)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const gbk = new Uint8Array([...new TextEncoder().encode('{"notes": "'), 0xd7, 0xa2, 0xd2, 0xe2, 0xc1, 0xa6, ...new TextEncoder().encode('"}')]);
    expect([await code(picked(png)), await code(picked(gbk))]).toEqual(['binary', 'not-utf8']);
  });
});
