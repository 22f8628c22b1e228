/**
 * Exporting and importing collections.
 * - The lab's own file (`.llmvec`): the magic `LLMLVEC1`, a little-endian uint32 header length,
 *   a JSON header (collection metadata, chunks, judgments, vector shape), zero padding to a
 *   multiple of 4 bytes, then the vectors as little-endian float32, row after row. Imports are
 *   validated completely before anything is stored.
 * - For vector databases: Qdrant points as JSON Lines (`{"id", "vector", "payload"}` per line, for
 *   `upload_points` / the points API) and Milvus row-based insert JSON (`{"rows": [...]}`, for bulk insert).
 */
import { array, nullable, number, object, oneOf, string, validate, ValidationError, type Check } from '../../../lib/storage/validate';
import type { JudgmentSet } from '../eval/judgments';
import { chunkRecordCheck, collectionRecordCheck, type ChunkRecord, type CollectionRecord } from './collection-record';

export const FILE_MAGIC = 'LLMLVEC1';
export const FILE_EXTENSION = '.llmvec';
/** Largest import read (1 GB). */
export const MAX_IMPORT_BYTES = 1_000_000_000;

type ExportedCollection = Pick<CollectionRecord, 'name' | 'model' | 'chunking' | 'origin' | 'docCount' | 'duplicates' | 'sources' | 'fieldNames'>;

export interface CollectionFileHeader {
  format: 'llm-lab-vector-collection';
  version: 1;
  exportedAt: string;
  collection: ExportedCollection;
  chunks: ChunkRecord[];
  judgments: JudgmentSet | null;
  vectors: { count: number; dim: number; dtype: 'float32'; byteOrder: 'little' };
}

export interface CollectionFileContents {
  header: CollectionFileHeader;
  vectors: Float32Array;
}

export function encodeCollectionFile(record: CollectionRecord, chunks: readonly ChunkRecord[], judgments: JudgmentSet | null, vectors: Float32Array, now = new Date()): Blob {
  const { dim } = record.model;
  const count = vectors.length / dim;
  const header: CollectionFileHeader = {
    format: 'llm-lab-vector-collection',
    version: 1,
    exportedAt: now.toISOString(),
    collection: {
      name: record.name, model: record.model, chunking: record.chunking, origin: record.origin,
      docCount: record.docCount, duplicates: record.duplicates, sources: record.sources, fieldNames: record.fieldNames,
    },
    chunks: [...chunks],
    judgments,
    vectors: { count, dim, dtype: 'float32', byteOrder: 'little' },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pre = 8 + 4 + json.length;
  const pad = (4 - (pre % 4)) % 4;
  const head = new Uint8Array(pre + pad);
  head.set(new TextEncoder().encode(FILE_MAGIC), 0);
  new DataView(head.buffer).setUint32(8, json.length, true);
  head.set(json, 12);
  const body = new ArrayBuffer(vectors.length * 4);
  const view = new DataView(body);
  for (let i = 0; i < vectors.length; i++) view.setFloat32(i * 4, vectors[i]!, true);
  return new Blob([head, body], { type: 'application/octet-stream' });
}

export class CollectionFileError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'CollectionFileError';
  }
}

const exportedCollectionCheck: Check<ExportedCollection> = (value, path, ctx) => {
  // Reuse the record checks by completing the record with neutral values.
  const full = collectionRecordCheck(
    { id: 'x', createdAt: 0, updatedAt: 0, chunkCount: 0, embedded: 0, blockSize: 1, hasJudgments: false, index: null, ...(value as object) },
    path,
    ctx,
  );
  const { name, model, chunking, origin, docCount, duplicates, sources, fieldNames } = full;
  return { name, model, chunking, origin, docCount, duplicates, sources, fieldNames };
};

const judgmentsCheck: Check<JudgmentSet> = object({
  queries: array(object({ id: string({ maxLength: 1000 }), text: string({ maxLength: 100_000 }) }), { maxLength: 1_000_000 }),
  qrels: array(
    (v, p) => {
      if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'string' || typeof v[1] !== 'string' || typeof v[2] !== 'number' || !Number.isFinite(v[2])) {
        throw new ValidationError(p, 'expected [queryId, docId, relevance]');
      }
      return [v[0], v[1], v[2]] as [string, string, number];
    },
    { maxLength: 10_000_000 },
  ),
}) as Check<JudgmentSet>;

const headerCheck = object({
  format: oneOf(['llm-lab-vector-collection'] as const),
  version: number({ min: 1, max: 1, integer: true }),
  exportedAt: string({ maxLength: 100 }),
  collection: exportedCollectionCheck,
  chunks: array(chunkRecordCheck, { maxLength: 10_000_000 }),
  judgments: nullable(judgmentsCheck),
  vectors: object({
    count: number({ min: 0, max: 10_000_000, integer: true }),
    dim: number({ min: 1, max: 8192, integer: true }),
    dtype: oneOf(['float32'] as const),
    byteOrder: oneOf(['little'] as const),
  }),
});

/** Reads and checks a collection file completely; throws `CollectionFileError` naming the first problem. */
export function decodeCollectionFile(bytes: Uint8Array): CollectionFileContents {
  if (bytes.length > MAX_IMPORT_BYTES) throw new CollectionFileError(`the file is larger than ${MAX_IMPORT_BYTES / 1e9} GB`);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== FILE_MAGIC) throw new CollectionFileError('not a collection file (wrong signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length) throw new CollectionFileError('the header is cut off');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + jsonLength)));
  } catch {
    throw new CollectionFileError('the header is not valid JSON');
  }
  const checked = validate(headerCheck, raw, 'header');
  if (!checked.ok) throw new CollectionFileError(checked.error.message);
  const header = checked.value as CollectionFileHeader;
  const { count, dim } = header.vectors;
  if (dim !== header.collection.model.dim) throw new CollectionFileError(`vectors have ${dim} dimensions, the model ${header.collection.model.dim}`);
  if (count > header.chunks.length) throw new CollectionFileError(`${count} vectors for ${header.chunks.length} chunks`);
  if (header.chunks.length === 0) throw new CollectionFileError('the collection has no chunks');
  const start = 12 + jsonLength + ((4 - ((12 + jsonLength) % 4)) % 4);
  const expected = count * dim * 4;
  if (bytes.length - start !== expected) throw new CollectionFileError(`expected ${expected} bytes of vectors, found ${bytes.length - start}`);
  const vectors = new Float32Array(count * dim);
  for (let i = 0; i < vectors.length; i++) {
    const v = view.getFloat32(start + i * 4, true);
    if (!Number.isFinite(v)) throw new CollectionFileError(`vector ${Math.floor(i / dim)} holds a non-finite value`);
    vectors[i] = v;
  }
  return { header, vectors };
}

const num = (v: number) => +v.toPrecision(9);

function vectorJson(vectors: Float32Array, dim: number, i: number): number[] {
  return Array.from(vectors.subarray(i * dim, (i + 1) * dim), num);
}

function payload(c: ChunkRecord): Record<string, string> {
  return { ...c.fields, doc_id: c.doc, text: c.text, source: c.source };
}

/** Qdrant points, one JSON object per line: `{"id": 0, "vector": [...], "payload": {...}}`. */
export function qdrantPointsJsonl(chunks: readonly ChunkRecord[], vectors: Float32Array, dim: number): Blob {
  const n = vectors.length / dim;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: i, vector: vectorJson(vectors, dim, i), payload: payload(chunks[i]!) }) + '\n');
  return new Blob(lines, { type: 'application/x-ndjson' });
}

/** Milvus row-based insert JSON: `{"rows": [{"id", "vector", "doc_id", "text", "source", …fields}]}`. */
export function milvusRowsJson(chunks: readonly ChunkRecord[], vectors: Float32Array, dim: number): Blob {
  const n = vectors.length / dim;
  const parts: string[] = ['{"rows":['];
  for (let i = 0; i < n; i++) parts.push((i > 0 ? ',\n' : '\n') + JSON.stringify({ id: i, vector: vectorJson(vectors, dim, i), ...payload(chunks[i]!) }));
  parts.push('\n]}\n');
  return new Blob(parts, { type: 'application/json' });
}
