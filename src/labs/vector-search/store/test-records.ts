/** Collection records and chunks for the store's and the lab's tests. */
import type { ChunkRecord, CollectionRecord } from './collection-record';

export function testRecord(over: Partial<CollectionRecord> = {}): CollectionRecord {
  return {
    id: 'c1',
    name: 'Test collection',
    createdAt: 1000,
    updatedAt: 1000,
    model: { ref: 'shipped:tiny-bert', dim: 4, pooling: 'mean', normalize: true, maxLength: 128, dtype: 'fp32' },
    chunking: { mode: 'paragraph', sentencesPerChunk: 3, windowTokens: 128, overlapTokens: 32 },
    origin: { kind: 'files', files: ['a.txt'] },
    docCount: 10,
    chunkCount: 10,
    embedded: 0,
    blockSize: 4,
    sources: ['a.txt'],
    fieldNames: [],
    duplicates: 0,
    hasJudgments: false,
    index: null,
    ...over,
  };
}

export function testChunks(n: number): ChunkRecord[] {
  return Array.from({ length: n }, (_, i) => ({ doc: `d${i}`, text: `chunk number ${i}`, source: 'a.txt' }));
}

/** Row i of the test vectors: [i, i + 0.5, -i, 1]. */
export function testVectors(start: number, n: number, dim = 4): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) out[i * dim + j] = [start + i, start + i + 0.5, -(start + i), 1][j % 4]!;
  return out;
}

/** A record for `chunks` embedded by the tiny-bert fixture (`dim` from the node embedder), blocks of 8: the embedding tests' collection. */
export function tinyBertRecord(chunks: number, dim: number, over: Partial<CollectionRecord> = {}): CollectionRecord {
  return testRecord({ chunkCount: chunks, docCount: chunks, blockSize: 8, model: { ref: 'shipped:tiny-bert', dim, pooling: 'mean', normalize: true, maxLength: 128, dtype: 'fp32' }, ...over });
}
