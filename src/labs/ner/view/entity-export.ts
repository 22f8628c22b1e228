/** Entities as JSON and CSV files. */
import type { Entity } from '../decode/entity-spans';

export interface ExportContext {
  model: string;
  strategy: string;
  /** Abbreviation consistency was on. */
  abbreviations?: boolean;
  textLength: number;
}

/** Plain entity records for files and saved experiments. */
export function entityRecords(entities: readonly Entity[]): { text: string; type: string; start: number; end: number; score: number }[] {
  return entities.map((e) => ({ text: e.text, type: e.type, start: e.start, end: e.end, score: +e.score.toFixed(6) }));
}

export function entitiesToJson(entities: readonly Entity[], ctx: ExportContext): string {
  return JSON.stringify({ ...ctx, offsets: 'UTF-16 code units, end exclusive', entities: entityRecords(entities) }, null, 2);
}

/**
 * One CSV cell (RFC 4180 quoting). A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading apostrophe so spreadsheets do not run it as a formula (OWASP CSV injection).
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function entitiesToCsv(entities: readonly Entity[]): string {
  const rows = entityRecords(entities).map((e) => [e.text, e.type, e.start, e.end, e.score].map(csvCell).join(','));
  return ['text,type,start,end,score', ...rows].join('\r\n') + '\r\n';
}
