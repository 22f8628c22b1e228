// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CollectionFileError, decodeCollectionFile, encodeCollectionFile, FILE_MAGIC, milvusRowsJson, qdrantPointsJsonl } from './collection-file';
import { testChunks, testRecord, testVectors } from './test-records';

const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
const record = testRecord({ embedded: 10 });
const judgments = { queries: [{ id: 'q1', text: 'chunk 2' }], qrels: [['q1', 'd2', 1]] as [string, string, number][] };

describe('encodeCollectionFile / decodeCollectionFile', () => {
  it('round-trips metadata, chunks, judgments and vectors exactly', async () => {
    const bytes = await bytesOf(encodeCollectionFile(record, testChunks(10), judgments, testVectors(0, 10), new Date('2025-01-01T00:00:00Z')));
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe(FILE_MAGIC);
    const { header, vectors } = decodeCollectionFile(bytes);
    expect(Array.from(vectors)).toEqual(Array.from(testVectors(0, 10)));
    expect(header.chunks).toEqual(testChunks(10));
    expect(header.judgments).toEqual(judgments);
    expect(header.collection.model).toEqual(record.model);
    expect(header.vectors).toEqual({ count: 10, dim: 4, dtype: 'float32', byteOrder: 'little' });
  });

  it('keeps a partly embedded collection (fewer vectors than chunks)', async () => {
    const bytes = await bytesOf(encodeCollectionFile(testRecord({ embedded: 6 }), testChunks(10), null, testVectors(0, 6)));
    expect(decodeCollectionFile(bytes).vectors.length).toBe(24);
  });

  it('rejects files that are not ours, cut off, or inconsistent', async () => {
    const good = await bytesOf(encodeCollectionFile(record, testChunks(10), null, testVectors(0, 10)));
    const reject = (b: Uint8Array, re: RegExp) => expect(() => decodeCollectionFile(b)).toThrow(re);
    reject(new TextEncoder().encode('{"not": "ours"}'), /signature/);
    reject(good.slice(0, good.length - 4), /bytes of vectors/);
    reject(good.slice(0, 40), /cut off/);
    const nan = good.slice();
    new DataView(nan.buffer).setFloat32(nan.length - 4, NaN, true);
    reject(nan, /non-finite/);
    const badHeader = good.slice();
    const at = new TextDecoder().decode(badHeader).indexOf('"dim":4');
    badHeader[at + 6] = '7'.charCodeAt(0);
    reject(badHeader, /dimensions|bytes/);
    expect(() => decodeCollectionFile(new Uint8Array(3))).toThrow(CollectionFileError);
  });
});

describe('vector-database exports', () => {
  it('Qdrant points JSONL: id, vector, payload per line', async () => {
    const text = await qdrantPointsJsonl(testChunks(2), testVectors(0, 2), 4).text();
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 0, vector: [0, 0.5, 0, 1], payload: { doc_id: 'd0', text: 'chunk number 0', source: 'a.txt' } },
      { id: 1, vector: [1, 1.5, -1, 1], payload: { doc_id: 'd1', text: 'chunk number 1', source: 'a.txt' } },
    ]);
  });
  it('Milvus rows JSON: one row per vector with its scalar fields', async () => {
    const chunks = testChunks(2).map((c) => ({ ...c, fields: { lang: 'en' } }));
    const rows = JSON.parse(await milvusRowsJson(chunks, testVectors(0, 2), 4).text()) as { rows: unknown[] };
    expect(rows.rows[1]).toEqual({ id: 1, vector: [1, 1.5, -1, 1], lang: 'en', doc_id: 'd1', text: 'chunk number 1', source: 'a.txt' });
  });
});
