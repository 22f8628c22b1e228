/**
 * The progress export file and its import check. A file is checked completely before anything
 * is written; a rejection names the problem (not JSON, cut short, another app's file, a newer
 * format, which field has which fault, too much of something).
 *
 * Unknown fields are ignored, not rejected: they are dropped on import and listed in the
 * summary, so a file from a slightly newer app still imports what this version understands.
 */
import {
  LIMITS,
  defaultTopicRecord,
  experiment,
  notesMarkdown,
  timestamp,
  topicFields,
  type Experiment,
  type NoteRecord,
  type TopicProgress,
  type TopicRecord,
} from '../lib/storage/records';
import type { StorageSnapshot } from '../lib/storage/storage-backend';
import { array, isPlainObject, nullable, number, object, refine, string, validate, type Check } from '../lib/storage/validate';
import { looksTruncated } from './json-truncation';

export const EXPORT_APP = 'llm-learning-lab';
export const EXPORT_KIND = 'progress';
/** The file format's version (not the database's): bumped only when the file's shape changes. */
export const EXPORT_SCHEMA_VERSION = 1;
/** Longest file accepted, in characters (a real export is far below this). */
export const MAX_IMPORT_CHARS = 50_000_000;
/** Largest file read at all, in bytes (the character limit in UTF-8, at most 3 bytes a character). */
export const MAX_IMPORT_BYTES = 3 * MAX_IMPORT_CHARS;

export interface ExportedTopic extends TopicProgress {
  /** When the notes were last saved; null when the topic never had notes. */
  notesUpdatedAt: number | null;
}

export interface ProgressExport {
  app: typeof EXPORT_APP;
  kind: typeof EXPORT_KIND;
  schemaVersion: number;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  topics: ExportedTopic[];
  experiments: Experiment[];
}

export interface ImportSummary {
  topics: number;
  done: number;
  quizAttempts: number;
  notes: number;
  experiments: number;
  exportedAt: string;
  /** Paths of fields this version does not know, which the import leaves out. */
  ignoredFields: string[];
}

export type ImportErrorCode =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'not-json'
  | 'truncated'
  | 'foreign'
  | 'newer-version'
  | 'invalid-field'
  | 'duplicate';

export type ImportValidation =
  | { ok: true; data: ProgressExport; summary: ImportSummary }
  | { ok: false; error: string; code: ImportErrorCode; path?: string };

const exportedTopic: Check<ExportedTopic> = refine(
  object({ ...topicFields, notes: notesMarkdown, notesUpdatedAt: nullable(timestamp) }),
  (t) => (t.notes !== '' && t.notesUpdatedAt === null ? 'has notes but notesUpdatedAt is null' : null),
);

const progressExport: Check<ProgressExport> = object({
  app: string(),
  kind: string(),
  schemaVersion: number({ integer: true, min: 1 }),
  exportedAt: refine(string({ maxLength: 40 }), (s) => (Number.isNaN(Date.parse(s)) ? `"${s}" is not a date` : null)),
  topics: array(exportedTopic, { maxLength: LIMITS.topics }),
  experiments: array(experiment, { maxLength: LIMITS.experiments }),
}) as Check<ProgressExport>;

function reject(code: ImportErrorCode, error: string, path?: string): ImportValidation {
  return path === undefined ? { ok: false, code, error } : { ok: false, code, error, path };
}

function firstDuplicate(values: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return null;
}

/** Checks an export file's text completely; nothing is written here. */
export function validateImport(text: string): ImportValidation {
  if (typeof text !== 'string' || text.trim() === '') return reject('empty', 'The file is empty.');
  if (text.length > MAX_IMPORT_CHARS) {
    return reject('too-large', `The file is ${text.length} characters long; at most ${MAX_IMPORT_CHARS} are accepted.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (looksTruncated(text)) return reject('truncated', 'The file is cut short: its JSON ends before it is complete.');
    return reject('not-json', `The file is not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isPlainObject(parsed) || parsed.app !== EXPORT_APP || parsed.kind !== EXPORT_KIND) {
    const what = isPlainObject(parsed)
      ? `its "app" is ${JSON.stringify(parsed.app) ?? 'missing'} and its "kind" is ${JSON.stringify(parsed.kind) ?? 'missing'}`
      : 'it holds no object at the top level';
    return reject('foreign', `This is not an LLM Learning Lab progress file: ${what}.`);
  }
  const version = parsed.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > EXPORT_SCHEMA_VERSION) {
    return reject(
      'newer-version',
      `The file was written by a newer version of the app (format ${version}; this version reads up to ${EXPORT_SCHEMA_VERSION}). Update the app, then import it.`,
    );
  }
  const checked = validate(progressExport, parsed, 'file');
  if (!checked.ok) return reject('invalid-field', `The file has a faulty field: ${checked.error.message}.`, checked.error.path);
  const data = checked.value;
  const duplicateKey = firstDuplicate(data.topics.map((t) => t.key));
  if (duplicateKey !== null) return reject('duplicate', `Topic "${duplicateKey}" appears twice in the file.`, 'file.topics');
  const duplicateId = firstDuplicate(data.experiments.map((e) => e.id));
  if (duplicateId !== null) return reject('duplicate', `Experiment "${duplicateId}" appears twice in the file.`, 'file.experiments');
  return {
    ok: true,
    data,
    summary: {
      topics: data.topics.length,
      done: data.topics.filter((t) => t.status === 'done').length,
      quizAttempts: data.topics.reduce((n, t) => n + t.quizAttempts.length, 0),
      notes: data.topics.filter((t) => t.notes !== '').length,
      experiments: data.experiments.length,
      exportedAt: data.exportedAt,
      ignoredFields: checked.ignored,
    },
  };
}

/**
 * Checks an export file as picked by the learner: its size before anything is read (a huge file is
 * refused, not loaded), then that it is UTF-8 text (an export always is; another encoding would
 * turn notes into mojibake), then its content with `validateImport`. Nothing is written here.
 */
export async function validateImportFile(file: { size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<ImportValidation> {
  if (file.size === 0) return reject('empty', 'The file is empty.');
  if (file.size > MAX_IMPORT_BYTES) return reject('too-large', `The file is ${file.size} bytes long; at most ${MAX_IMPORT_BYTES} are read.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.subarray(0, 8_192).includes(0)) return reject('binary', 'The file holds binary data, not the JSON text of a progress export.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return reject('not-utf8', 'The file is not UTF-8 text, as every progress export is: it was re-saved in another encoding, or it is another kind of file.');
  }
  return validateImport(text);
}

export function buildExport(snapshot: StorageSnapshot, exportedAt: Date): ProgressExport {
  const notes = new Map(snapshot.notes.map((n) => [n.key, n]));
  const keys = [...new Set([...snapshot.topics.map((t) => t.key), ...notes.keys()])].sort();
  const topics = new Map(snapshot.topics.map((t) => [t.key, t]));
  return {
    app: EXPORT_APP,
    kind: EXPORT_KIND,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    topics: keys.map((key) => {
      const note = notes.get(key);
      const topic = topics.get(key) ?? defaultTopicRecord(key);
      return { ...topic, notes: note?.markdown ?? '', notesUpdatedAt: note?.updatedAt ?? null };
    }),
    experiments: [...snapshot.experiments].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
  };
}

/** The records an export stands for, as the storage backend keeps them. */
export function snapshotOf(data: ProgressExport): StorageSnapshot {
  const topics: TopicRecord[] = [];
  const notes: NoteRecord[] = [];
  for (const { notes: markdown, notesUpdatedAt, ...topic } of data.topics) {
    topics.push(topic);
    if (notesUpdatedAt !== null) notes.push({ key: topic.key, markdown, updatedAt: notesUpdatedAt });
  }
  return { topics, notes, experiments: data.experiments };
}
