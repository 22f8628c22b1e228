// @vitest-environment node
/**
 * Fuzz: importing a model folder (`normalizeFolder` → `validateModelFolder` → one-transaction store,
 * through the model manager's `importFolder`), fed folders whose config, tokenizer or ONNX graphs
 * are mutated, whose files are missing or renamed (`..`, hidden, control characters, markup), or
 * which gain random files. Every case must end in typed problems with nothing written, or in a
 * stored model whose files read back exactly.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ModelsState, type ManagerRuntime } from '../../src/labs/models/models-state.svelte';
import { RuntimeError } from '../../src/lib/runtime/errors';
import type { PickedFile } from '../../src/lib/runtime/model-folder';
import { ModelStore, openModelsDB } from '../../src/lib/runtime/model-store';
import { toyEncoder, toyMaskedLM } from '../../src/lib/runtime/test-support/onnx-writer';
import { toyTokenizerConfig, toyTokenizerJson } from '../../src/lib/runtime/test-support/toy-tokenizer';
import { assertNoPrototypePollution, fuzz } from './fuzz-run';
import { copyBytes, fuzzBytes, int, mutateBytes, pick, randomBytes, type Random } from './mutate';
import { snapshotDatabases } from './idb-snapshot';

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const CONFIG = { architectures: ['BertForTokenClassification'], hidden_size: 4, num_attention_heads: 1, max_position_embeddings: 64, id2label: { 0: 'O', 1: 'B-Disease' } };
const SEED: Record<string, { bytes: Uint8Array; json?: unknown }> = {
  'config.json': { bytes: enc(CONFIG), json: CONFIG },
  'tokenizer.json': { bytes: enc(toyTokenizerJson()), json: toyTokenizerJson() },
  'tokenizer_config.json': { bytes: enc(toyTokenizerConfig(32)), json: toyTokenizerConfig(32) },
  'onnx/model.onnx': { bytes: copyBytes(toyEncoder()) },
  'onnx/model_mlm_quantized.onnx': { bytes: copyBytes(toyMaskedLM(16, 4, { 5: 2 })) },
};
const ODD_SEGMENTS = ['..', '.', '.hidden', 'a\\b', '\u0000', '\u202eevil', '<img src=x onerror="window.__pwned=1">', 'x'.repeat(300), '模型', ''];

type Folder = Map<string, Uint8Array>;

function mutateFolder(random: Random): { change: string; files: Folder } {
  const files: Folder = new Map(Object.entries(SEED).map(([p, s]) => [p, s.bytes]));
  const paths = [...files.keys()];
  const change = pick(random, ['content', 'content', 'content', 'drop', 'rename', 'add', 'random-folder']);
  if (change === 'content') {
    const path = pick(random, paths);
    files.set(path, fuzzBytes(random, SEED[path]!.bytes, SEED[path]!.json).bytes);
  } else if (change === 'drop') {
    files.delete(pick(random, paths));
  } else if (change === 'rename') {
    const path = pick(random, paths);
    const bytes = files.get(path)!;
    files.delete(path);
    files.set(Array.from({ length: 1 + int(random, 3) }, () => pick(random, [...ODD_SEGMENTS, 'onnx', 'model.onnx', 'config.json'])).join('/'), bytes);
  } else if (change === 'add') {
    files.set(pick(random, ['onnx/extra.onnx', 'model.onnx', 'notes.txt', 'onnx/model_quantized.onnx']), random() < 0.5 ? randomBytes(random, int(random, 4096)) : mutateBytes(random, SEED['onnx/model.onnx']!.bytes));
  } else {
    files.clear();
    for (let k = int(random, 6); k > 0; k--) files.set(pick(random, [...paths, ...ODD_SEGMENTS]), randomBytes(random, int(random, 2048)));
  }
  return { change, files };
}

/** The folder as the file pickers hand it over: paths under one top folder, bytes read on demand. */
function picked(files: Folder): PickedFile[] {
  return [...files].map(([path, bytes]) => ({ path: `fuzz-model/${path}`, size: bytes.length, bytes: async () => copyBytes(bytes) }));
}

let store: ModelStore;
let models: ModelsState;

beforeAll(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  store = new ModelStore(openModelsDB(), () => 1000);
  // The worker is not part of the import; the manager only asks it to describe listed models.
  const runtime: ManagerRuntime = {
    inspect: async () => Promise.reject(new RuntimeError('model-not-found', { model: '?', file: '?', status: 404 })),
    load: async () => Promise.reject(new RuntimeError('internal', { detail: 'not used' })),
    unload: async () => undefined,
    download: async () => Promise.reject(new RuntimeError('internal', { detail: 'not used' })),
  };
  models = new ModelsState({ runtime, store, fetchManifest: async () => ({ models: [] }) });
  const kept = await models.importFolder(picked(new Map(Object.entries(SEED).map(([p, s]) => [p, s.bytes]))).map((f) => ({ ...f, path: f.path.replace('fuzz-model', 'kept-model') })), 'x');
  expect(kept.ok).toBe(true);
});
afterAll(async () => {
  await store.close();
  vi.unstubAllGlobals();
});

describe('fuzz: model folder import', () => {
  it('importFolder: typed problems with nothing written, or a model stored whole (seeded, bounded)', async () => {
    const baseline = await snapshotDatabases();
    const report = await fuzz({
      name: 'model folder',
      seed: 0x5eed_0004,
      maxCases: 1_000,
      maxCpuMs: 20_000,
      maxWallMs: 40_000,
      minCases: 300,
      generate: (random) => mutateFolder(random),
      describe: (c) => `${c.change}: ${[...c.files].map(([p, b]) => `${JSON.stringify(p.slice(0, 60))} (${b.length} B)`).join(', ')}`,
      run: async ({ files }) => {
        const result = await models.importFolder(picked(files), 'picked-model');
        assertNoPrototypePollution();
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) {
            expect(p).toBeInstanceOf(RuntimeError);
            expect(p.userMessage.en.length).toBeGreaterThan(0);
            expect(p.userMessage.zh.length).toBeGreaterThan(0);
          }
          expect(await snapshotDatabases()).toBe(baseline);
          return [...new Set(result.problems.map((p) => p.code))].sort().join('+');
        }
        const ref = { source: 'local' as const, id: result.name };
        const stored = await store.getModel(ref);
        expect(stored).toBeDefined();
        for (const f of stored!.files) expect((await store.readFile(ref, f.path))?.length).toBe(f.size);
        await store.deleteModel(ref);
        expect(await snapshotDatabases()).toBe(baseline);
        return 'accepted';
      },
    });
    expect(Object.keys(report.outcomes).length).toBeGreaterThanOrEqual(3); // the inputs reach more than one path
  }, 180_000);
});
