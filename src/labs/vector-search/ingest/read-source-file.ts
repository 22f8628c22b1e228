/**
 * One learner file → source documents, or the reason it cannot be used: empty, over the size cap,
 * binary, an unsupported type, unparsable, or without text. A guessed encoding and parse oddities
 * come back as notices.
 */
import { decodeText, type TextEncodingUsed } from './decode-text';
import { documentsFromText, fileKind, ParseError, SUPPORTED_EXTENSIONS, type ParseNotice, type SourceDocument } from './source-documents';

/** Largest file read (20 MB): beyond that a browser tab's memory, not the search, becomes the limit. */
export const MAX_FILE_BYTES = 20 * 1000 * 1000;

export type FileProblemCode = 'empty' | 'too-large' | 'binary' | 'unsupported-type' | 'unparsable' | 'no-text';

export interface FileProblem {
  code: FileProblemCode;
  values: Record<string, string | number>;
}

export type FileNotice = ParseNotice | { code: 'encoding'; values: { encoding: TextEncodingUsed } };

export type ReadResult =
  | { ok: true; name: string; documents: SourceDocument[]; notices: FileNotice[] }
  | { ok: false; name: string; problem: FileProblem };

export interface FileLike {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function readSourceFile(file: FileLike, parser?: DOMParser): Promise<ReadResult> {
  const { name } = file;
  const fail = (code: FileProblemCode, values: Record<string, string | number> = {}): ReadResult => ({ ok: false, name, problem: { code, values } });
  const kind = fileKind(name);
  if (!kind) return fail('unsupported-type', { types: SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(' ') });
  if (file.size === 0) return fail('empty');
  if (file.size > MAX_FILE_BYTES) return fail('too-large', { size: file.size, cap: MAX_FILE_BYTES });
  const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) return fail('binary', { kind: decoded.kind });
  if (decoded.text.trim() === '') return fail('empty');
  const notices: FileNotice[] = decoded.guessed ? [{ code: 'encoding', values: { encoding: decoded.encoding } }] : [];
  try {
    const parsed = documentsFromText(name, decoded.text, kind, parser);
    return { ok: true, name, documents: parsed.documents, notices: [...notices, ...parsed.notices] };
  } catch (e) {
    if (e instanceof ParseError) return e.code === 'no-documents' ? fail('no-text') : fail('unparsable', { detail: e.message });
    throw e;
  }
}
