// @vitest-environment node
/**
 * The lab's flows end to end in Node, on real parts: the tiny-bert fixture through the runtime's own
 * LoadedModel (only `load` is a stand-in that describes it), fake-indexeddb, and the real search
 * engine behind the real dispatcher in an in-process worker.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelInfo, ModelRef } from '../../lib/runtime/types';
import { nodeEmbedder } from './embed/node-embedder';
import type { LabRuntime } from './embedder.svelte';
import { openVectorsDB, VectorStore } from './store/vector-db';
import { VectorLab } from './vector-lab.svelte';
import { inProcessWorker } from './worker/in-process-worker';
import { SearchClient } from './worker/search-client';

const FIX = join(import.meta.dirname, '../../../tests/fixtures/vector-search');
const fileLike = (name: string) => {
  const bytes = readFileSync(join(FIX, name));
  return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
};

let tiny: Awaited<ReturnType<typeof nodeEmbedder>>;
let lab: VectorLab;
let store: VectorStore;
const deferrals: string[] = [];
let released = 0;
const saved: unknown[] = [];

function runtime(): LabRuntime {
  return {
    load: async (ref: ModelRef) => {
      if (!ref.id.startsWith('tiny-bert')) throw Object.assign(new Error('not found'), { userMessage: { zh: '找不到模型', en: 'model not found' } });
      return {
        handle: 'h1', ref, backend: 'wasm', dtype: 'fp32', threads: 1, reason: '', reasonText: { zh: '', en: '' }, file: 'onnx/model.onnx', sessionMs: 0,
        config: { hidden_size: tiny.dim }, inputNames: ['input_ids'], outputNames: ['last_hidden_state'], maxLength: 128,
        capabilities: { featureExtraction: true, fillMask: false, tokenClassification: false, attentions: false, hiddenSize: tiny.dim },
      } satisfies ModelInfo;
    },
    embed: (h, texts, opts, onProgress) => tiny.embed(h, texts, opts, onProgress),
    onCrash: () => () => {},
  };
}

beforeAll(async () => {
  tiny = await nodeEmbedder();
}, 120_000);

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = new VectorStore(openVectorsDB());
  lab = new VectorLab({
    runtime: runtime(),
    store,
    search: new SearchClient(() => inProcessWorker(store)),
    reload: { deferReload: (reason) => (deferrals.push(reason), () => void released++) },
    experiments: { saveExperiment: async (e) => (saved.push(e), 'exp1') },
    fetch: (async (url: string) =>
      String(url).endsWith('manifest.json') ? new Response(JSON.stringify({ models: [{ id: 'tiny-bert' }] })) : new Response('', { status: 404 })) as typeof fetch,
  });
  await lab.init();
});

async function buildMini(): Promise<string> {
  await lab.builder.addFiles([fileLike('mini-corpus.jsonl')]);
  expect(lab.builder.stats).toMatchObject({ documents: 12, chunks: 12, duplicates: 0 });
  await lab.createAndEmbed();
  return lab.collections.list[0]!.id;
}

describe('VectorLab', { timeout: 120_000 }, () => {
  it('builds, embeds and indexes a collection, holding off the PWA reload meanwhile', async () => {
    expect(lab.embedder.modelText).toBe('shipped:tiny-bert');
    const id = await buildMini();
    const rec = lab.collections.list.find((c) => c.id === id)!;
    expect(rec).toMatchObject({ embedded: 12, chunkCount: 12, hasJudgments: false, fieldNames: ['topic'], model: { ref: 'shipped:tiny-bert', dim: tiny.dim } });
    expect(rec.index?.count).toBe(12);
    expect(lab.summary?.hnsw?.count).toBe(12);
    expect(deferrals).toContain('vector-search: embedding');
    expect(released).toBeGreaterThanOrEqual(deferrals.length);
  });

  it('finds a known answer with every method, and refuses a query model other than the collection’s', async () => {
    await buildMini();
    lab.query.text = 'Asthma is a chronic disease of the airways. The airways narrow and swell, causing wheezing, coughing and shortness of breath.';
    await lab.search();
    const r = lab.query.response!;
    for (const rows of [r.exact!.rows, r.hnsw!.rows, r.bm25.rows, r.hybrid!.rows]) expect(rows[0]!.doc).toBe('asthma');
    expect(r.exact!.rows[0]!.score).toBeGreaterThan(0.95);
    lab.query.field = { name: 'topic', value: 'infection' };
    await lab.search();
    expect(lab.query.response!.exact!.rows.map((x) => x.doc).sort()).toEqual(['hepatitis', 'influenza', 'tuberculosis']);
    lab.embedder.modelText = 'shipped:tiny-bert-copy';
    await lab.search();
    expect(lab.query.problem).toEqual({ code: 'model-mismatch', values: { collection: 'shipped:tiny-bert', query: 'shipped:tiny-bert-copy' } });
    lab.embedder.modelText = 'shipped:missing';
    await lab.search();
    expect(lab.query.problem?.code).toBe('runtime');
  });

  it('exports a collection file and imports it back as an equal collection', async () => {
    const id = await buildMini();
    const file = await lab.collections.exportFile(id, 'llmvec');
    expect(file!.fileName).toBe('mini-corpus.llmvec');
    const bytes = new Uint8Array(await file!.blob.arrayBuffer());
    expect(await lab.collections.importFile({ name: file!.fileName, size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer })).toBe(true);
    const copy = lab.collections.list.find((c) => c.origin.kind === 'import')!;
    expect(copy.chunkCount).toBe(12);
    expect(Array.from((await store.loadVectors(copy.id)).vectors)).toEqual(Array.from((await store.loadVectors(id)).vectors));
    const broken = bytes.slice(0, bytes.length - 8);
    expect(await lab.collections.importFile({ name: 'broken.llmvec', size: broken.length, arrayBuffer: async () => broken.buffer as ArrayBuffer })).toBe(false);
    expect(lab.collections.problem?.code).toBe('import-invalid');
    let read = false;
    const huge = { name: 'huge.llmvec', size: 5e9, arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) };
    expect(await lab.collections.importFile(huge)).toBe(false);
    expect([lab.collections.problem?.code, read]).toEqual(['import-invalid', false]);
    expect(lab.collections.list).toHaveLength(2);
  });

  it('evaluates with imported judgments, saves the run, and draws the map with the query on it', async () => {
    const id = await buildMini();
    await lab.collections.importJudgments(id, readFileSync(join(FIX, 'mini-qrels.tsv'), 'utf8'), readFileSync(join(FIX, 'mini-queries.jsonl'), 'utf8'));
    const rec = lab.collections.list.find((c) => c.id === id)!;
    expect(rec.hasJudgments).toBe(true);
    await lab.evaluation.evaluate(rec, { ef: 64, metric: 'cosine', fusion: { kind: 'rrf', k: 60 } });
    const methods = lab.evaluation.run!.result.methods;
    expect(Object.keys(methods).sort()).toEqual(['bm25', 'exact', 'hnsw', 'hybrid']);
    expect(methods.bm25!.ndcg10).toBeGreaterThan(0.8);
    expect(saved).toHaveLength(1);
    await lab.map.compute(id, 12);
    expect(lab.map.points!.coords).toHaveLength(24);
    lab.query.text = 'bones';
    await lab.search();
    expect(lab.map.query?.neighbours).toHaveLength(10);
    // "search with this point": the chunk's own vector finds it first; its title and text share the one-line box
    await lab.searchWithPoint(0);
    expect(lab.query.text).toMatch(/^Diabetes Diabetes is a disease in which blood sugar/);
    expect(lab.query.response?.exact?.rows[0]?.index).toBe(0);
  });
});
