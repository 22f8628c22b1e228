// @vitest-environment node
/**
 * The embedding run through the real runtime client (`RuntimeClient`: ids, cancel, crash detection and
 * restart) and the real store; the inference worker is a script that answers `load` when told and
 * `embed` with the tiny-bert fixture run by the runtime's own LoadedModel, and can die mid-job.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuntimeClient, type WorkerLike } from '../../lib/runtime/client.svelte';
import type { FromWorker, ToWorker } from '../../lib/runtime/protocol';
import type { ModelInfo } from '../../lib/runtime/types';
import { nodeEmbedder } from './embed/node-embedder';
import { Embedder } from './embedder.svelte';
import { Embedding } from './embedding.svelte';
import { tinyBertRecord } from './store/test-records';
import type { ChunkRecord } from './store/collection-record';
import { openVectorsDB, VectorStore } from './store/vector-db';

let tiny: Awaited<ReturnType<typeof nodeEmbedder>>;
/** Three steps of the job (64 + 64 + 22 chunks), so a crash can fall after a saved prefix. */
const CHUNKS: ChunkRecord[] = Array.from({ length: 150 }, (_, i) => ({ doc: `d${i}`, text: `sentence number ${i} about topic ${i % 5}`, source: 's' }));

const infoOf = (handle: string, dim: number): ModelInfo => ({
  handle, ref: { source: 'shipped', id: 'tiny-bert' }, backend: 'wasm', dtype: 'fp32', threads: 1, reason: '', reasonText: { zh: '', en: '' },
  file: 'onnx/model.onnx', sessionMs: 1, config: { hidden_size: dim }, inputNames: ['input_ids'], outputNames: ['last_hidden_state'], maxLength: 128,
  capabilities: { featureExtraction: true, fillMask: false, tokenClassification: false, attentions: false, hiddenSize: dim },
});

/** The inference worker, scripted: replies asynchronously, as a real one does. */
class ScriptedWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  readonly received: ToWorker[] = [];
  #loads = 0;
  #heldLoad: number | null = null;
  #dead = false;

  constructor(private readonly script: Script) {
    setTimeout(() => this.#emit({ type: 'ready' }));
  }

  #emit(m: FromWorker): void {
    if (!this.#dead) this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  }

  terminate(): void {
    this.#dead = true;
  }

  /** What a wasm abort does: an uncaught error in the worker. */
  die(): void {
    this.onerror?.({ message: 'RuntimeError: Aborted(OOM)', preventDefault() {} } as ErrorEvent);
    this.#dead = true;
  }

  postMessage(m: ToWorker): void {
    this.received.push(m);
    setTimeout(() => void this.#handle(m));
  }

  async #handle(m: ToWorker): Promise<void> {
    if (m.type === 'cancel') {
      if (m.id === this.#heldLoad) this.#emit({ type: 'error', id: m.id, error: { code: 'cancelled', params: {} } });
      return;
    }
    if (m.type === 'load') {
      if (this.script.holdLoads) {
        this.#heldLoad = m.id;
        this.#emit({ type: 'progress', id: m.id, progress: { stage: 'read', done: 0, total: 1 } });
        return;
      }
      this.#emit({ type: 'result', id: m.id, result: infoOf(`m${++this.#loads}`, tiny.dim) });
    } else if (m.type === 'embed') {
      this.script.embeds++;
      if (this.script.dieOnEmbed === this.script.embeds) return this.die();
      if (this.script.failEmbed) return this.#emit({ type: 'error', id: m.id, error: { code: 'bad-input', params: { detail: 'texts must be an array of strings' } } });
      const vectors = await tiny.embed('h', m.texts, m.opts, (p) => this.#emit({ type: 'progress', id: m.id, progress: p }));
      this.#emit({ type: 'result', id: m.id, result: vectors });
    } else if (m.type === 'unload') this.#emit({ type: 'result', id: m.id, result: null });
  }
}

interface Script {
  holdLoads: boolean;
  /** The worker dies on this `embed` call (1-based, across restarts). */
  dieOnEmbed: number | null;
  embeds: number;
  /** `embed` answers with an ordinary error. */
  failEmbed?: boolean;
}

let store: VectorStore;
let script: Script;
let workers: ScriptedWorker[];
let client: RuntimeClient;

function lab() {
  const embedder = new Embedder(client);
  embedder.modelText = 'shipped:tiny-bert';
  const deferred: string[] = [];
  const embedding = new Embedding({ store, runtime: client, embedder, reload: { deferReload: (r) => (deferred.push(r), () => undefined) } });
  return { embedder, embedding, deferred };
}

beforeAll(async () => {
  tiny = await nodeEmbedder();
}, 120_000);

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = new VectorStore(openVectorsDB());
  await store.createCollection({
    record: tinyBertRecord(CHUNKS.length, tiny.dim),
    chunks: CHUNKS,
  });
  script = { holdLoads: false, dieOnEmbed: null, embeds: 0 };
  workers = [];
  client = new RuntimeClient({ createWorker: () => workers[workers.push(new ScriptedWorker(script)) - 1]!, storage: null });
});

describe('Embedding (through the runtime client)', { timeout: 60_000 }, () => {
  it('Cancel while the model loads: the load is cancelled in the worker, the run ends as cancelled with no problem, nothing is embedded', async () => {
    script.holdLoads = true;
    const { embedder, embedding } = lab();
    const run = embedding.run(await store.getCollection('c1'));
    await vi.waitFor(() => expect(embedder.progress).toMatchObject({ stage: 'read' }));
    expect(client.status.worker).toBe('busy');
    expect([embedding.phase, embedder.phase]).toEqual(['loading-model', 'loading']);
    embedding.cancel();
    const record = await run;
    expect(record?.embedded).toBe(0);
    expect([embedding.phase, embedding.lastOutcome, embedding.problem]).toEqual(['idle', 'cancelled', null]);
    expect([embedder.phase, embedder.problem, embedder.info]).toEqual(['idle', null, null]);
    const load = workers[0]!.received.find((m) => m.type === 'load')!;
    expect(workers[0]!.received.at(-1)).toEqual({ type: 'cancel', id: (load as { id: number }).id });
    expect(client.status.worker).toBe('ready');
    expect((await store.getCollection('c1')).embedded).toBe(0);
    // the next run loads afresh and embeds everything
    script.holdLoads = false;
    const done = await embedding.run(await store.getCollection('c1'));
    expect([done?.embedded, embedding.lastOutcome]).toEqual([CHUNKS.length, 'done']);
  });

  it('the model worker dies mid-run: the run ends as crashed, saying so with what is saved; Resume continues from the marker to the same vectors', async () => {
    script.dieOnEmbed = 2;
    const { embedder, embedding } = lab();
    const first = await embedding.run(await store.getCollection('c1'));
    expect(first?.embedded).toBe(64);
    expect([embedding.phase, embedding.lastOutcome]).toEqual(['idle', 'crashed']);
    expect(embedding.problem).toEqual({
      code: 'model-crashed',
      values: { collection: 'Test collection', detail: 'RuntimeError: Aborted(OOM)', stored: 64, total: 150, next: 65 },
    });
    // one notice, here: the model bar's own is dropped; its session is gone with the worker
    expect([embedder.problem, embedder.info, embedder.phase]).toEqual([null, null, 'idle']);
    expect([client.status.restarts, workers.length]).toEqual([1, 2]);
    expect((await store.getCollection('c1')).embedded).toBe(64);

    const resumed = await embedding.run(await store.getCollection('c1'));
    expect([resumed?.embedded, embedding.lastOutcome, embedding.problem]).toEqual([150, 'done', null]);
    const firstAfter = workers[1]!.received.find((m) => m.type === 'embed') as Extract<ToWorker, { type: 'embed' }>;
    expect(firstAfter.texts[0]).toBe(CHUNKS[64]!.text);
    const { vectors } = await store.loadVectors('c1');
    const whole = await tiny.embed('h', CHUNKS.map((c) => c.text), { pooling: 'mean', normalize: true, batchSize: 16 });
    expect(vectors.length).toBe(whole.length);
    for (let i = 0; i < whole.length; i++) expect(vectors[i]).toBeCloseTo(whole[i]!, 5);
  });

  it('the model worker dies while the model loads for a run: crashed too, nothing saved, the message names the crash', async () => {
    script.holdLoads = true;
    const { embedding } = lab();
    const run = embedding.run(await store.getCollection('c1'));
    await vi.waitFor(() => expect(client.status.worker).toBe('busy'));
    workers[0]!.die();
    expect(await run).toMatchObject({ embedded: 0 });
    expect(embedding.lastOutcome).toBe('crashed');
    expect(embedding.problem).toMatchObject({ code: 'model-crashed', values: { stored: 0, total: 150, next: 1, detail: 'RuntimeError: Aborted(OOM)' } });
  });

  it('a crash while no run is going: the model bar says the worker restarted and the model loads again when needed', async () => {
    const { embedder, embedding } = lab();
    await embedder.ensure();
    expect(embedder.phase).toBe('ready');
    workers[0]!.die();
    expect([embedder.phase, embedder.info]).toEqual(['idle', null]);
    expect(embedder.problem).toEqual({ code: 'model-worker-restarted', values: { model: 'shipped:tiny-bert', detail: 'RuntimeError: Aborted(OOM)' } });
    expect(embedding.lastOutcome).toBeNull();
    // the next use loads it again and clears the notice
    await embedder.ensure();
    expect([embedder.phase, embedder.problem]).toEqual(['ready', null]);
  });

  it('an ordinary failure stays a failure (not reported as a crash)', async () => {
    script.failEmbed = true;
    const { embedding } = lab();
    await embedding.run(await store.getCollection('c1'));
    expect(embedding.lastOutcome).toBe('failed');
    expect(embedding.problem).toEqual({ code: 'runtime', message: expect.objectContaining({ en: expect.stringContaining('texts must be an array of strings') }) });
    expect(client.status.restarts).toBe(0);
  });
});
