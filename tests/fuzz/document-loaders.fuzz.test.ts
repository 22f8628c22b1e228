/**
 * Fuzz: the vector search lab's document loaders (`readSourceFile`: decoding, binary detection,
 * plain text, Markdown, CSV/TSV, JSON Lines, JSON, HTML), then de-duplication and chunking, fed
 * mutated files of every kind (sometimes under another kind's extension) and random bytes. Every
 * case must end in a typed problem or in well-formed documents and chunks, with nothing written.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHUNK_MODES, chunkText } from '../../src/labs/vector-search/ingest/chunk';
import { readSourceFile, type FileProblemCode } from '../../src/labs/vector-search/ingest/read-source-file';
import { dedupeDocuments, SUPPORTED_EXTENSIONS } from '../../src/labs/vector-search/ingest/source-documents';
import { testChunks, testRecord } from '../../src/labs/vector-search/store/test-records';
import { openVectorsDB, VectorStore } from '../../src/labs/vector-search/store/vector-db';
import { assertNoPrototypePollution, fuzz } from './fuzz-run';
import { copyBytes, fuzzBytes, int, pick, preview } from './mutate';
import { snapshotDatabases } from './idb-snapshot';

const PROBLEMS: readonly FileProblemCode[] = ['empty', 'too-large', 'binary', 'unsupported-type', 'unparsable', 'no-text'];

const records = [
  { _id: 'd1', title: 'Aspirin', text: 'Aspirin reduces fever. It is an NSAID.', category: 'drug' },
  { _id: 'd2', title: '注意力', text: '注意力机制让模型关注重要的词。第二句。', category: 'ml' },
  { _id: 'd3', title: 'RTL', text: 'مرحبا بالعالم — שלום', category: 'greeting' },
];
const SEEDS: { name: string; text: string; json?: unknown }[] = [
  { name: 'notes.txt', text: 'Attention is all you need.\n\nTransformers replaced recurrence. 注意力就是一切。\n' },
  { name: 'lesson.md', text: '# Title\n\nSome *markdown* with [a link](#/path).\n\n- one\n- two\n' },
  { name: 'docs.csv', text: 'id,title,text,category\n1,A,"Some text, with a comma",x\n2,B,"He said ""hi""",y\n' },
  { name: 'docs.tsv', text: 'id\ttext\n1\tfirst row\n2\tsecond row\n' },
  { name: 'docs.jsonl', text: records.map((r) => JSON.stringify(r)).join('\n') + '\n', json: records[0] },
  { name: 'docs.json', text: JSON.stringify(records), json: records },
  { name: 'wrapped.json', text: JSON.stringify({ data: records }), json: { data: records } },
  { name: 'page.html', text: '<html><head><title>Page</title><script>window.__pwned=1</script></head><body><h1>Head</h1><p>Para <b>bold</b></p><img src=x onerror="window.__pwned=1"></body></html>' },
];

let store: VectorStore;

beforeAll(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  store = new VectorStore(openVectorsDB(), () => 1000);
  await store.createCollection({ record: testRecord(), chunks: testChunks(10) });
});
afterAll(async () => {
  await store.close();
  vi.unstubAllGlobals();
});

describe('fuzz: document loaders', () => {
  it('readSourceFile → dedupe → chunk: a typed problem or well-formed chunks, nothing written (seeded, bounded)', async () => {
    const baseline = await snapshotDatabases();
    const report = await fuzz({
      name: 'document loaders',
      seed: 0x5eed_0003,
      maxCases: 2_000,
      maxCpuMs: 20_000,
      maxWallMs: 40_000,
      minCases: 300,
      generate: (random) => {
        const seed = pick(random, SEEDS);
        const { kind, bytes } = fuzzBytes(random, new TextEncoder().encode(seed.text), seed.json);
        const name = random() < 0.15 ? `file.${pick(random, [...SUPPORTED_EXTENSIONS, 'pdf', 'exe', ''])}` : seed.name;
        const windowTokens = 8 + int(random, 200);
        const chunking = { mode: pick(random, CHUNK_MODES), sentencesPerChunk: 1 + int(random, 5), windowTokens, overlapTokens: int(random, windowTokens) };
        return { kind, name, bytes, chunking };
      },
      describe: (c) => `${c.kind} mutation of ${c.name}, ${preview(c.bytes)}`,
      run: async ({ name, bytes, chunking }) => {
        const file = { name, size: bytes.length, arrayBuffer: async () => copyBytes(bytes).buffer as ArrayBuffer };
        const read = await readSourceFile(file);
        assertNoPrototypePollution();
        if (!read.ok) {
          expect(PROBLEMS).toContain(read.problem.code);
          expect(await snapshotDatabases()).toBe(baseline);
          return read.problem.code;
        }
        const { documents } = dedupeDocuments(read.documents);
        expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
        for (const d of documents) {
          expect(typeof d.text).toBe('string');
          expect(Object.values(d.fields).every((v) => typeof v === 'string')).toBe(true);
          for (const c of chunkText(d.text, chunking)) expect(typeof c.text).toBe('string');
        }
        expect(await snapshotDatabases()).toBe(baseline);
        return 'documents';
      },
    });
    expect(Object.keys(report.outcomes).length).toBeGreaterThanOrEqual(3); // the inputs reach more than one path
  }, 180_000);
});
