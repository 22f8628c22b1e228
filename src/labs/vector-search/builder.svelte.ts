/**
 * Building a collection: the learner's files (or a demo set) → documents (duplicates dropped) →
 * chunks with the chosen chunking, previewed with counts before anything is embedded → a stored
 * collection (record + chunks, one transaction) ready for the embedding run.
 */
import type { ModelInfo } from '../../lib/runtime/types';
import { chunkText, DEFAULT_CHUNKING, type ChunkOptions, type TextChunk } from './ingest/chunk';
import { readSourceFile, type FileLike, type ReadResult } from './ingest/read-source-file';
import { dedupeDocuments, type SourceDocument } from './ingest/source-documents';
import type { JudgmentSet } from './eval/judgments';
import { loadDemoSet, type DemoSet } from './demo-sets';
import { problemOf, type LabProblem } from './lab-problem';
import { newCollectionId, type ChunkRecord, type CollectionModel, type CollectionRecord } from './store/collection-record';
import { BLOCK_SIZE, type VectorStore } from './store/vector-db';

export interface ChunkStats {
  documents: number;
  duplicates: number;
  renamed: number;
  chunks: number;
  tokens: number;
  maxTokens: number;
  /** Chunks longer (in approximate tokens) than the model reads; they are truncated when embedded. */
  overLimit: number;
}

/** Previewed chunks shown before embedding. */
export const PREVIEW_CHUNKS = 30;
const MAX_FIELD_NAMES = 20;

export function chunkDocuments(docs: readonly SourceDocument[], opts: Required<ChunkOptions>): { chunks: ChunkRecord[]; pieces: TextChunk[] } {
  const chunks: ChunkRecord[] = [];
  const pieces: TextChunk[] = [];
  for (const d of docs) {
    for (const piece of chunkText(d.text, opts)) {
      pieces.push(piece);
      chunks.push({ doc: d.id, text: piece.text, source: d.source, ...(Object.keys(d.fields).length > 0 ? { fields: d.fields } : {}) });
    }
  }
  return { chunks, pieces };
}

export class Builder {
  files = $state.raw<ReadResult[]>([]);
  demo = $state.raw<{ set: DemoSet; documents: SourceDocument[]; judgments: JudgmentSet | null } | null>(null);
  chunking = $state<Required<ChunkOptions>>({ ...DEFAULT_CHUNKING });
  name = $state('');
  phase = $state<'idle' | 'reading' | 'loading-demo' | 'creating'>('idle');
  problem = $state.raw<LabProblem | null>(null);
  /** Model token limit used for the "longer than the model reads" count. */
  modelMaxTokens = $state(256);
  readonly #store: VectorStore;
  readonly #now: () => number;

  constructor(store: VectorStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  readonly deduped = $derived.by(() => {
    const docs = this.demo ? this.demo.documents : this.files.flatMap((f) => (f.ok ? f.documents : []));
    return dedupeDocuments(docs);
  });

  readonly chunked = $derived(chunkDocuments(this.deduped.documents, this.chunking));

  readonly stats = $derived.by((): ChunkStats => {
    const { pieces } = this.chunked;
    let tokens = 0;
    let maxTokens = 0;
    let overLimit = 0;
    for (const p of pieces) {
      tokens += p.tokens;
      maxTokens = Math.max(maxTokens, p.tokens);
      if (p.tokens > this.modelMaxTokens - 2) overLimit++;
    }
    const d = this.deduped;
    return { documents: d.documents.length, duplicates: d.duplicates, renamed: d.renamed, chunks: pieces.length, tokens, maxTokens, overLimit };
  });

  readonly preview = $derived(this.chunked.chunks.slice(0, PREVIEW_CHUNKS).map((c, i) => ({ ...c, tokens: this.chunked.pieces[i]!.tokens })));

  async addFiles(files: readonly FileLike[], parser?: DOMParser): Promise<void> {
    this.phase = 'reading';
    this.demo = null;
    try {
      const results = await Promise.all(files.map((f) => readSourceFile(f, parser)));
      const names = new Set(results.map((r) => r.name));
      this.files = [...this.files.filter((f) => !names.has(f.name)), ...results];
      if (this.name === '' && results[0]) this.name = results[0].name.replace(/\.[^.]+$/, '');
    } finally {
      this.phase = 'idle';
    }
  }

  removeFile(name: string): void {
    this.files = this.files.filter((f) => f.name !== name);
  }

  async chooseDemo(set: DemoSet, title: string): Promise<void> {
    this.phase = 'loading-demo';
    this.problem = null;
    try {
      const { documents, judgments } = await loadDemoSet(set);
      this.files = [];
      this.demo = { set, documents, judgments };
      this.chunking = { ...this.chunking, mode: 'document' };
      this.name = title;
    } catch (e) {
      this.problem = problemOf(e);
    } finally {
      this.phase = 'idle';
    }
  }

  clear(): void {
    this.files = [];
    this.demo = null;
    this.name = '';
    this.problem = null;
  }

  /** Stores the collection (record + chunks, and the demo's judgments) and returns its record. */
  async create(model: CollectionModel, info: ModelInfo | null = null): Promise<CollectionRecord | null> {
    const { chunks } = this.chunked;
    if (chunks.length === 0) {
      this.problem = { code: 'nothing-to-embed' };
      return null;
    }
    this.phase = 'creating';
    this.problem = null;
    try {
      const now = this.#now();
      const fieldNames = [...new Set(chunks.flatMap((c) => Object.keys(c.fields ?? {})))].slice(0, MAX_FIELD_NAMES);
      const record: CollectionRecord = {
        id: newCollectionId(),
        name: this.name.trim() || 'Collection',
        createdAt: now,
        updatedAt: now,
        model: info ? { ...model, maxLength: Math.min(model.maxLength, info.maxLength) } : model,
        chunking: { ...this.chunking },
        origin: this.demo ? { kind: 'demo', set: this.demo.set.id } : { kind: 'files', files: this.files.filter((f) => f.ok).map((f) => f.name) },
        docCount: this.deduped.documents.length,
        chunkCount: chunks.length,
        embedded: 0,
        blockSize: BLOCK_SIZE,
        sources: [...new Set(chunks.map((c) => c.source))],
        fieldNames,
        duplicates: this.deduped.duplicates,
        hasJudgments: Boolean(this.demo?.judgments),
        index: null,
      };
      await this.#store.createCollection({ record, chunks, judgments: this.demo?.judgments ?? null });
      return record;
    } catch (e) {
      this.problem = problemOf(e);
      return null;
    } finally {
      this.phase = 'idle';
    }
  }
}
