/**
 * Turning a decoded file into source documents: plain text and Markdown are one document; CSV/TSV
 * rows, JSON Lines records and JSON arrays are one document per record (text from a text-like
 * column, the other short columns kept as metadata fields for filtering); HTML is one document of
 * its readable text.
 */
import { CsvError, parseCsv } from './csv';
import { htmlToText } from './html-text';

export interface SourceDocument {
  /** Unique within the collection; judgments (qrels) refer to it. */
  id: string;
  text: string;
  /** The file name or demo set it came from. */
  source: string;
  /** Short metadata (other CSV columns / JSON fields), for filters. */
  fields: Record<string, string>;
}

export type FileKind = 'text' | 'markdown' | 'csv' | 'jsonl' | 'json' | 'html';

export interface ParseNotice {
  code: 'bad-lines' | 'text-column' | 'no-text-records' | 'fields-dropped';
  values: Record<string, string | number>;
}

export interface ParsedDocuments {
  documents: SourceDocument[];
  notices: ParseNotice[];
}

export class ParseError extends Error {
  constructor(readonly code: 'csv' | 'json' | 'no-documents', message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

const KINDS: Record<string, FileKind> = {
  txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', csv: 'csv', tsv: 'csv',
  jsonl: 'jsonl', ndjson: 'jsonl', json: 'json', html: 'html', htm: 'html',
};

export const SUPPORTED_EXTENSIONS = Object.keys(KINDS);

export function fileKind(name: string): FileKind | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext ? (KINDS[ext] ?? null) : null;
}

const TEXT_KEYS = ['text', 'content', 'body', 'answer', 'abstract', 'passage', 'document', 'sentence', 'description', 'definition'];
const TITLE_KEYS = ['title', 'question', 'heading', 'name', 'headline'];
const ID_KEYS = ['_id', 'id', 'doc_id', 'docid', 'corpus-id', 'corpus_id'];
const MAX_FIELD_CHARS = 120;
const MAX_FIELDS = 12;

function pick(keys: readonly string[], names: readonly string[]): string | null {
  const lower = names.map((n) => n.toLowerCase());
  for (const k of keys) {
    const i = lower.indexOf(k);
    if (i !== -1) return names[i]!;
  }
  return null;
}

interface RecordShape {
  textKey: string;
  titleKey: string | null;
  idKey: string | null;
}

/** Which columns hold the text, title and id: by name, else the column with the longest text on average. */
function recordShape(records: readonly Record<string, string>[]): RecordShape | null {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const idKey = pick(ID_KEYS, names);
  let textKey = pick(TEXT_KEYS, names);
  if (textKey === null) {
    let best = 0;
    for (const n of names) {
      if (n === idKey) continue;
      const avg = records.reduce((s, r) => s + (r[n]?.length ?? 0), 0) / Math.max(1, records.length);
      if (avg > best) {
        best = avg;
        textKey = n;
      }
    }
  }
  if (textKey === null) return null;
  const titleKey = pick(TITLE_KEYS, names.filter((n) => n !== textKey));
  return { textKey, titleKey, idKey };
}

function fromRecords(name: string, records: Record<string, string>[], notices: ParseNotice[], lineOf: (i: number) => number): SourceDocument[] {
  const shape = recordShape(records);
  if (!shape) return [];
  notices.push({ code: 'text-column', values: { column: shape.textKey, title: shape.titleKey ?? '—' } });
  let empty = 0;
  let dropped = 0;
  const docs: SourceDocument[] = [];
  records.forEach((r, i) => {
    const body = (r[shape.textKey] ?? '').trim();
    const title = shape.titleKey ? (r[shape.titleKey] ?? '').trim() : '';
    const text = title && body ? `${title}\n${body}` : title || body;
    if (text === '') {
      empty++;
      return;
    }
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === shape.textKey || k === shape.titleKey || k === shape.idKey) continue;
      if (v.length > MAX_FIELD_CHARS || Object.keys(fields).length >= MAX_FIELDS) {
        dropped++;
        continue;
      }
      fields[k] = v;
    }
    const id = shape.idKey && r[shape.idKey] ? r[shape.idKey]! : `${name}#${lineOf(i)}`;
    docs.push({ id, text, source: name, fields });
  });
  if (empty > 0) notices.push({ code: 'no-text-records', values: { count: empty } });
  if (dropped > 0) notices.push({ code: 'fields-dropped', values: { count: dropped, chars: MAX_FIELD_CHARS } });
  return docs;
}

function scalarRecord(obj: unknown): Record<string, string> | null {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/**
 * @example
 * documentsFromText('notes.md', '# Title\n\nBody', 'markdown').documents; // [{ id: 'notes.md', text: '# Title\n\nBody', … }]
 */
export function documentsFromText(name: string, text: string, kind: FileKind, parser?: DOMParser): ParsedDocuments {
  const notices: ParseNotice[] = [];
  let documents: SourceDocument[] = [];
  switch (kind) {
    case 'text':
    case 'markdown':
      documents = text.trim() ? [{ id: name, text: text.trim(), source: name, fields: {} }] : [];
      break;
    case 'html': {
      const { title, text: body } = htmlToText(text, parser);
      const full = title && body && !body.startsWith(title) ? `${title}\n${body}` : body || title;
      documents = full ? [{ id: name, text: full, source: name, fields: {} }] : [];
      break;
    }
    case 'csv': {
      let rows: string[][];
      try {
        rows = parseCsv(text);
      } catch (e) {
        throw new ParseError('csv', e instanceof CsvError ? e.message : String(e));
      }
      const [header, ...body] = rows;
      if (!header) break;
      const names = header.map((h, i) => h.trim() || `column${i + 1}`);
      const records = body.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
      documents = fromRecords(name, records, notices, (i) => i + 2);
      break;
    }
    case 'jsonl': {
      const records: Record<string, string>[] = [];
      const lines: number[] = [];
      const bad: number[] = [];
      text.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          const r = scalarRecord(JSON.parse(line));
          if (r) {
            records.push(r);
            lines.push(i + 1);
          } else bad.push(i + 1);
        } catch {
          bad.push(i + 1);
        }
      });
      if (bad.length > 0) notices.push({ code: 'bad-lines', values: { count: bad.length, first: bad[0]! } });
      documents = fromRecords(name, records, notices, (i) => lines[i]!);
      break;
    }
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new ParseError('json', e instanceof Error ? e.message : String(e));
      }
      const list = Array.isArray(value) ? value : Array.isArray((value as { data?: unknown })?.data) ? (value as { data: unknown[] }).data : null;
      if (!list) throw new ParseError('json', 'expected an array of records (or {"data": [...]})');
      const records = list.map(scalarRecord);
      const badCount = records.filter((r) => r === null).length;
      if (badCount > 0) notices.push({ code: 'bad-lines', values: { count: badCount, first: records.findIndex((r) => r === null) + 1 } });
      const kept = records.flatMap((r, i) => (r ? [{ r, i }] : []));
      documents = fromRecords(name, kept.map((k) => k.r), notices, (i) => kept[i]!.i + 1);
      break;
    }
  }
  if (documents.length === 0) throw new ParseError('no-documents', `${name} contains no text`);
  return { documents, notices };
}

/**
 * Drops documents whose text (whitespace-collapsed) repeats an earlier one, and makes ids unique
 * (a repeated id with different text gets `~2`, `~3` …).
 */
export function dedupeDocuments(docs: readonly SourceDocument[]): { documents: SourceDocument[]; duplicates: number; renamed: number } {
  const seenText = new Set<string>();
  const seenId = new Map<string, number>();
  const out: SourceDocument[] = [];
  let duplicates = 0;
  let renamed = 0;
  for (const d of docs) {
    const key = d.text.replace(/\s+/g, ' ').trim();
    if (seenText.has(key)) {
      duplicates++;
      continue;
    }
    seenText.add(key);
    let id = d.id;
    const n = seenId.get(id) ?? 0;
    seenId.set(id, n + 1);
    if (n > 0) {
      id = `${d.id}~${n + 1}`;
      renamed++;
    }
    out.push(id === d.id ? d : { ...d, id });
  }
  return { documents: out, duplicates, renamed };
}
