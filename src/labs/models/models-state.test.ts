import { describe, expect, it, vi } from 'vitest';
import { RuntimeError } from '../../lib/runtime/errors';
import type { PickedFile } from '../../lib/runtime/model-folder';
import { ModelStore, openModelsDB } from '../../lib/runtime/model-store';
import type { ModelInspection } from '../../lib/runtime/protocol';
import { toyEncoder } from '../../lib/runtime/test-support/onnx-writer';
import { toyTokenizerConfig, toyTokenizerJson } from '../../lib/runtime/test-support/toy-tokenizer';
import type { LoadOptions, ModelInfo, ModelRef, ProgressCallback } from '../../lib/runtime/types';
import { ModelsState, type ManagerRuntime } from './models-state.svelte';

let n = 0;
const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const pick = (path: string, data: Uint8Array): PickedFile => ({ path, size: data.byteLength, bytes: async () => data });

function inspection(ref: ModelRef): ModelInspection {
  return {
    ref,
    available: true,
    files: [],
    totalBytes: 0,
    variants: [],
    config: {},
    capabilities: { featureExtraction: true, fillMask: false, tokenClassification: false, attentions: false },
    outputs: {},
    maxLength: 16,
  };
}

class FakeRuntime implements ManagerRuntime {
  calls: string[] = [];
  failLoad: RuntimeError | null = null;
  /** Loads wait until their signal aborts (a download that never ends), then reject `cancelled`. */
  holdLoads = false;
  async inspect(ref: ModelRef) {
    this.calls.push(`inspect ${ref.source}:${ref.id}`);
    if (ref.id === 'broken') throw new RuntimeError('config-not-json', { detail: 'x' });
    return inspection(ref);
  }
  async load(ref: ModelRef, opts?: LoadOptions, onProgress?: ProgressCallback) {
    this.calls.push(`load ${ref.id}`);
    onProgress?.({ done: 1, total: 2, stage: 'read' });
    if (this.holdLoads) {
      await new Promise((resolve) => opts?.signal?.addEventListener('abort', resolve, { once: true }));
      throw new RuntimeError('cancelled');
    }
    if (this.failLoad) throw this.failLoad;
    return { handle: `g1/${ref.id}`, ref, backend: 'wasm', dtype: 'q8' } as ModelInfo;
  }
  async unload(handle: string) {
    this.calls.push(`unload ${handle}`);
  }
  async download(ref: ModelRef) {
    this.calls.push(`download ${ref.id}`);
    return inspection(ref);
  }
}

function setup(shipped = ['mini-bert-zh-en']) {
  const runtime = new FakeRuntime();
  const store = new ModelStore(openModelsDB(`models-state-${++n}`));
  const state = new ModelsState({
    runtime,
    store,
    fetchManifest: async () => ({ models: shipped.map((id) => ({ id, files: [{ path: 'config.json', size: 10 }], totalBytes: 10 })) }),
    shippedCachedBytes: async () => 10,
  });
  return { runtime, store, state };
}

const goodFolder = () => [
  pick('tiny/config.json', enc({ architectures: ['BertModel'] })),
  pick('tiny/tokenizer.json', enc(toyTokenizerJson())),
  pick('tiny/tokenizer_config.json', enc(toyTokenizerConfig())),
  pick('tiny/onnx/model.onnx', toyEncoder()),
];

describe('ModelsState', () => {
  it('refresh lists shipped, then Hub, then local models, each inspected', async () => {
    const { state, store } = setup();
    await store.putModel({ source: 'local', id: 'mine' }, [{ path: 'config.json', bytes: enc({}) }]);
    await store.putModel({ source: 'hub', id: 'Xenova/x' }, [{ path: 'config.json', bytes: enc({}) }]);
    await state.refresh();
    expect(state.rows.map((r) => r.key)).toEqual(['shipped:mini-bert-zh-en', 'hub:Xenova/x', 'local:mine']);
    expect(state.rows.every((r) => r.inspection !== null)).toBe(true);
    expect(state.rows.map((r) => r.cachedBytes)).toEqual([10, 2, 2]);
  });

  it('without IndexedDB the shipped models are still listed, and the failure is reported', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const runtime = new FakeRuntime();
    const state = new ModelsState({
      runtime,
      store: new ModelStore(),
      fetchManifest: async () => ({ models: [{ id: 'mini-bert-zh-en', files: [{ path: 'config.json', size: 10 }], totalBytes: 10 }] }),
    });
    await state.refresh();
    vi.unstubAllGlobals();
    expect(state.rows.map((r) => r.key)).toEqual(['shipped:mini-bert-zh-en']);
    expect(state.listError).toBeInstanceOf(RuntimeError);
  });

  it('an inspection failure stays on its row only', async () => {
    const { state } = setup(['broken', 'fine']);
    await state.refresh();
    expect(state.rows.map((r) => r.error?.code ?? null)).toEqual(['config-not-json', null]);
  });

  it('load records the session; a failing load records the error; unload forgets it', async () => {
    const { state, runtime } = setup();
    await state.refresh();
    const ref = { source: 'shipped', id: 'mini-bert-zh-en' } as const;
    const info = await state.load(ref);
    expect(state.row(ref)!.sessions).toEqual([info]);
    expect(state.row(ref)!.progress).toBeNull();
    await state.unload(ref, info!.handle);
    expect(state.row(ref)!.sessions).toEqual([]);
    runtime.failLoad = new RuntimeError('unsupported-op', { backend: 'WebGPU', op: 'X' });
    expect(await state.load(ref)).toBeNull();
    expect(state.row(ref)!.error!.code).toBe('unsupported-op');
  });

  it('cancelLoad stops a load in progress and leaves the row as it was (its earlier error, its sessions)', async () => {
    const { state, runtime } = setup();
    await state.refresh();
    const ref = { source: 'shipped', id: 'mini-bert-zh-en' } as const;
    const info = await state.load(ref);
    runtime.failLoad = new RuntimeError('unsupported-op', { backend: 'WebGPU', op: 'X' });
    await state.load(ref);
    const before = state.row(ref)!;
    runtime.holdLoads = true;
    const pending = state.load(ref, { backend: 'wasm' });
    expect(state.row(ref)!.progress).toMatchObject({ stage: 'read' });
    expect(state.row(ref)!.error).toBeNull();
    state.cancelLoad(ref);
    expect(await pending).toBeNull();
    expect(state.row(ref)).toEqual({ ...before, progress: null });
    expect(state.row(ref)!.sessions).toEqual([info]);
    expect(state.row(ref)!.error!.code).toBe('unsupported-op');
    state.cancelLoad(ref); // nothing in progress: nothing happens
    expect(state.row(ref)!.error!.code).toBe('unsupported-op');
  });

  it('importFolder stores a valid folder as a local model and lists it', async () => {
    const { state, store } = setup();
    await state.refresh();
    const res = await state.importFolder([...goodFolder(), pick('tiny/model.safetensors', new Uint8Array(4))], 'dropped');
    expect(res).toEqual({ ok: true, name: 'tiny', replaced: false, ignored: ['model.safetensors'] });
    expect(state.rows.map((r) => r.key)).toContain('local:tiny');
    expect((await store.getModel({ source: 'local', id: 'tiny' }))!.files.map((f) => f.path)).toEqual([
      'config.json',
      'onnx/model.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
  });

  it('importFolder of a corrupt folder reports its problems and changes nothing', async () => {
    const { state, store } = setup();
    await state.importFolder(goodFolder(), 'x');
    const graph = toyEncoder();
    const corrupt = goodFolder().map((f) => (f.path.endsWith('.onnx') ? pick(f.path, graph.subarray(0, 100)) : f));
    const res = await state.importFolder(corrupt, 'x');
    expect(res.ok).toBe(false);
    expect(!res.ok && res.problems.map((p) => p.code)).toEqual(['onnx-corrupt']);
    const stored = await store.readFile({ source: 'local', id: 'tiny' }, 'onnx/model.onnx');
    expect(stored!.byteLength).toBe(graph.byteLength);
  });

  it('re-importing a folder replaces the local model and unloads its sessions', async () => {
    const { state, runtime } = setup();
    await state.importFolder(goodFolder(), 'x');
    await state.load({ source: 'local', id: 'tiny' });
    const res = await state.importFolder(goodFolder(), 'x');
    expect(res).toMatchObject({ ok: true, replaced: true });
    expect(runtime.calls).toContain('unload g1/tiny');
  });

  it('remove deletes a Hub model from the cache and the list; shipped models cannot be removed', async () => {
    const { state, store, runtime } = setup();
    await state.downloadHub('Xenova/y', () => {});
    expect(runtime.calls).toContain('download Xenova/y');
    await store.putModel({ source: 'hub', id: 'Xenova/y' }, [{ path: 'config.json', bytes: enc({}) }]);
    await state.refresh();
    await state.remove({ source: 'hub', id: 'Xenova/y' });
    expect(await store.getModel({ source: 'hub', id: 'Xenova/y' })).toBeUndefined();
    expect(state.rows.map((r) => r.key)).toEqual(['shipped:mini-bert-zh-en']);
    await expect(state.remove({ source: 'shipped', id: 'mini-bert-zh-en' })).rejects.toThrow(RangeError);
  });
});
