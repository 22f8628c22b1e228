/**
 * What the vectors database keeps about a collection, and the checks every record passes when it
 * is read back (a damaged record is reported and skipped, the others still load) or imported.
 */
import { array, boolean, isPlainObject, nullable, number, object, oneOf, optional, string, ValidationError, type Check } from '../../../lib/storage/validate';
import type { ChunkOptions } from '../ingest/chunk';
import type { HnswParams } from '../search/hnsw-graph';

/** The embedder a collection is tied to: searching it with another model is refused. */
export interface CollectionModel {
  /** A model reference, e.g. `shipped:mini-embed-zh-en`. */
  ref: string;
  dim: number;
  pooling: 'mean' | 'cls';
  normalize: boolean;
  /** Tokens read per text (longer chunks are truncated). */
  maxLength: number;
  dtype: string;
}

export type CollectionOrigin = { kind: 'demo'; set: string } | { kind: 'files'; files: string[] } | { kind: 'import'; file: string };

export interface CollectionRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  model: CollectionModel;
  chunking: Required<ChunkOptions>;
  origin: CollectionOrigin;
  docCount: number;
  chunkCount: number;
  /** Chunks embedded so far (a prefix: rows 0 … embedded-1): the resume marker. */
  embedded: number;
  /** Vectors (and chunks) per stored block. */
  blockSize: number;
  /** Distinct sources (file names / demo parts) and metadata field names, for the filters. */
  sources: string[];
  fieldNames: string[];
  /** Documents dropped as exact duplicates when the collection was built. */
  duplicates: number;
  hasJudgments: boolean;
  /** The persisted HNSW index, when built: its parameters and how many vectors it covers. */
  index: { params: HnswParams; count: number; buildMs: number; builtAt: number } | null;
}

export interface ChunkRecord {
  /** Document id (judgments refer to it). */
  doc: string;
  text: string;
  source: string;
  fields?: Record<string, string>;
}

const MAX = { name: 200, items: 10_000_000, text: 1_000_000, list: 10_000 };

function stringMap(maxEntries = 64): Check<Record<string, string>> {
  return (value, path) => {
    if (!isPlainObject(value)) throw new ValidationError(path, 'expected an object of strings');
    const entries = Object.entries(value);
    if (entries.length > maxEntries) throw new ValidationError(path, `has ${entries.length} entries; at most ${maxEntries} allowed`);
    const out: Record<string, string> = {};
    for (const [k, v] of entries) {
      if (typeof v !== 'string') throw new ValidationError(`${path}.${k}`, 'expected a string');
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
}

const count = () => number({ min: 0, max: MAX.items, integer: true });

const originCheck: Check<CollectionOrigin> = (value, path, ctx) => {
  const kind = isPlainObject(value) ? value.kind : undefined;
  if (kind === 'demo') return object({ kind: oneOf(['demo'] as const), set: string({ maxLength: 100 }) })(value, path, ctx);
  if (kind === 'files') return object({ kind: oneOf(['files'] as const), files: array(string({ maxLength: 500 }), { maxLength: MAX.list }) })(value, path, ctx);
  if (kind === 'import') return object({ kind: oneOf(['import'] as const), file: string({ maxLength: 500 }) })(value, path, ctx);
  throw new ValidationError(`${path}.kind`, 'expected "demo", "files" or "import"');
};

export const hnswParamsCheck = object({
  M: number({ min: 2, max: 64, integer: true }),
  efConstruction: number({ min: 2, max: 2000, integer: true }),
  metric: oneOf(['cosine', 'dot', 'l2'] as const),
  seed: number({ integer: true }),
});

const base = object({
  id: string({ maxLength: 100 }),
  name: string({ maxLength: MAX.name }),
  createdAt: number({ min: 0 }),
  updatedAt: number({ min: 0 }),
  model: object({
    ref: string({ maxLength: 300 }),
    dim: number({ min: 1, max: 8192, integer: true }),
    pooling: oneOf(['mean', 'cls'] as const),
    normalize: boolean(),
    maxLength: number({ min: 1, max: 1_000_000, integer: true }),
    dtype: string({ maxLength: 20 }),
  }),
  chunking: object({
    mode: oneOf(['document', 'paragraph', 'sentence', 'window'] as const),
    sentencesPerChunk: number({ min: 1, max: 1000, integer: true }),
    windowTokens: number({ min: 1, max: 100_000, integer: true }),
    overlapTokens: number({ min: 0, max: 100_000, integer: true }),
  }),
  origin: originCheck,
  docCount: count(),
  chunkCount: count(),
  embedded: count(),
  blockSize: number({ min: 1, max: 65_536, integer: true }),
  sources: array(string({ maxLength: 500 }), { maxLength: MAX.list }),
  fieldNames: array(string({ maxLength: 200 }), { maxLength: 256 }),
  duplicates: count(),
  hasJudgments: boolean(),
  index: nullable(object({ params: hnswParamsCheck, count: count(), buildMs: number({ min: 0 }), builtAt: number({ min: 0 }) })),
});

/** A full collection record, with the cross-field rules (embedded ≤ chunks, index ≤ embedded). */
export const collectionRecordCheck: Check<CollectionRecord> = (value, path, ctx) => {
  const r = base(value, path, ctx) as CollectionRecord;
  if (r.embedded > r.chunkCount) throw new ValidationError(`${path}.embedded`, `${r.embedded} embedded of ${r.chunkCount} chunks`);
  if (r.index && r.index.count > r.embedded) throw new ValidationError(`${path}.index.count`, `index covers ${r.index.count} of ${r.embedded} vectors`);
  return r;
};

export const chunkRecordCheck: Check<ChunkRecord> = object({
  doc: string({ maxLength: 1000 }),
  text: string({ maxLength: MAX.text }),
  source: string({ maxLength: 500 }),
  fields: optional(stringMap()),
});

export function newCollectionId(random: () => number = Math.random, now: () => number = Date.now): string {
  return `c${now().toString(36)}${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}
