// @vitest-environment node
/**
 * Fuzz: the vector search lab's collection file (`decodeCollectionFile`), fed mutated files (the JSON
 * header changed and re-framed, bytes changed anywhere, random bytes behind the signature or not).
 * A rejection must be a `CollectionFileError` with nothing written; an accepted file must store
 * whole (`createCollection`) and read back exactly, and deleting it must leave the database as before.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CollectionFileError, decodeCollectionFile, encodeCollectionFile, FILE_MAGIC } from '../../src/labs/vector-search/store/collection-file';
import type { CollectionRecord } from '../../src/labs/vector-search/store/collection-record';
import { testChunks, testRecord, testVectors } from '../../src/labs/vector-search/store/test-records';
import { openVectorsDB, VectorStore } from '../../src/labs/vector-search/store/vector-db';
import { assertNoPrototypePollution, fuzz } from './fuzz-run';
import { concat, int, mutateBytes, mutateJson, preview, randomBytes, type Random } from './mutate';
import { snapshotDatabases } from './idb-snapshot';

let store: VectorStore;

beforeAll(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  store = new VectorStore(openVectorsDB(), () => 1000);
  await store.createCollection({ record: testRecord({ id: 'kept', embedded: 10 }), chunks: testChunks(10), vectors: testVectors(0, 10) });
});
afterAll(async () => {
  await store.close();
  vi.unstubAllGlobals();
});

/** The file's parts, so a mutated header can be framed again (length prefix and padding correct). */
function frame(header: unknown, body: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pre = 12 + json.length;
  const head = new Uint8Array(pre + ((4 - (pre % 4)) % 4));
  head.set(new TextEncoder().encode(FILE_MAGIC), 0);
  new DataView(head.buffer).setUint32(8, json.length, true);
  head.set(json, 12);
  return concat(head, body);
}

function generator(seed: Uint8Array, header: unknown, body: Uint8Array) {
  return (random: Random): { kind: string; bytes: Uint8Array } => {
    const r = random();
    if (r < 0.4) return { kind: 'header', bytes: frame(mutateJson(random, header), random() < 0.8 ? body : mutateBytes(random, body)) };
    if (r < 0.85) return { kind: 'bytes', bytes: mutateBytes(random, seed) };
    const noise = randomBytes(random, int(random, 2048));
    return { kind: 'random', bytes: random() < 0.5 ? concat(new TextEncoder().encode(FILE_MAGIC), noise) : noise };
  };
}

describe('fuzz: collection import', () => {
  it('decodeCollectionFile: a CollectionFileError with nothing written, or a file that stores whole (seeded, bounded)', async () => {
    const judgments = { queries: [{ id: 'q1', text: 'chunk 2' }], qrels: [['q1', 'd2', 1]] as [string, string, number][] };
    const seed = new Uint8Array(await encodeCollectionFile(testRecord({ embedded: 10 }), testChunks(10), judgments, testVectors(0, 10)).arrayBuffer());
    const { header } = decodeCollectionFile(seed);
    const body = seed.subarray(seed.length - 10 * 4 * 4);
    const baseline = await snapshotDatabases();

    const report = await fuzz({
      name: 'collection import',
      seed: 0x5eed_0002,
      maxCases: 2_000,
      maxCpuMs: 20_000,
      maxWallMs: 40_000,
      minCases: 300,
      generate: generator(seed, header, body),
      describe: (c) => `${c.kind} mutation, ${preview(c.bytes)}`,
      run: async ({ bytes }) => {
        let decoded: ReturnType<typeof decodeCollectionFile>;
        try {
          decoded = decodeCollectionFile(bytes);
        } catch (error) {
          if (!(error instanceof CollectionFileError)) throw error;
          expect(error.message.length).toBeGreaterThan(0);
          expect(await snapshotDatabases()).toBe(baseline);
          return 'rejected';
        }
        assertNoPrototypePollution();
        const { header: h, vectors } = decoded;
        expect(vectors.length).toBe(h.vectors.count * h.vectors.dim);
        expect(vectors.every(Number.isFinite)).toBe(true);
        const record: CollectionRecord = {
          ...h.collection,
          id: 'fuzzed',
          createdAt: 0,
          updatedAt: 0,
          chunkCount: h.chunks.length,
          embedded: h.vectors.count,
          blockSize: 4,
          hasJudgments: h.judgments !== null,
          index: null,
        };
        await store.createCollection({ record, chunks: h.chunks, judgments: h.judgments, vectors });
        expect(Array.from((await store.loadVectors('fuzzed')).vectors)).toEqual(Array.from(vectors));
        expect(await store.loadChunks('fuzzed')).toEqual(h.chunks);
        await store.deleteCollection('fuzzed');
        expect(await snapshotDatabases()).toBe(baseline);
        return 'accepted';
      },
    });
    expect(Object.keys(report.outcomes).length).toBeGreaterThanOrEqual(2); // the inputs reach more than one path
  }, 180_000);
});
