import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuntimeError } from './errors';
import { ModelStore, openModelsDB } from './model-store';

let n = 0;
const stores: ModelStore[] = [];
function fresh(now = () => 1000): ModelStore {
  const s = new ModelStore(openModelsDB(`models-test-${++n}`), now);
  stores.push(s);
  return s;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const ref = { source: 'hub', id: 'Xenova/tiny' } as const;
const bytes = (...v: number[]) => new Uint8Array(v);

describe('ModelStore', () => {
  it('putModel stores files and a record; readFile gives the bytes back', async () => {
    const store = fresh();
    const rec = await store.putModel(ref, [
      { path: 'config.json', bytes: bytes(1, 2) },
      { path: 'onnx/model_quantized.onnx', bytes: bytes(3, 4, 5) },
    ]);
    expect(rec).toEqual({
      key: 'hub:Xenova/tiny',
      ref,
      files: [
        { path: 'config.json', size: 2 },
        { path: 'onnx/model_quantized.onnx', size: 3 },
      ],
      totalBytes: 5,
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(Array.from((await store.readFile(ref, 'onnx/model_quantized.onnx'))!)).toEqual([3, 4, 5]);
    expect(await store.readFile(ref, 'onnx/model.onnx')).toBeNull();
    expect(await store.listModels()).toEqual([rec]);
  });

  it('putModel without replace adds files to a stored model; with replace it starts over', async () => {
    let t = 1000;
    const store = fresh(() => t);
    await store.putModel(ref, [{ path: 'a', bytes: bytes(1) }]);
    t = 2000;
    const added = await store.putModel(ref, [{ path: 'b', bytes: bytes(2, 2) }]);
    expect(added.files.map((f) => f.path)).toEqual(['a', 'b']);
    expect([added.createdAt, added.updatedAt, added.totalBytes]).toEqual([1000, 2000, 3]);
    const replaced = await store.putModel(ref, [{ path: 'c', bytes: bytes(3) }], { replace: true });
    expect(replaced.files.map((f) => f.path)).toEqual(['c']);
    expect(await store.readFile(ref, 'a')).toBeNull();
  });

  it('putModel stores a view of a larger buffer as just its bytes', async () => {
    const store = fresh();
    const big = bytes(9, 9, 7, 8, 9);
    await store.putModel(ref, [{ path: 'x', bytes: big.subarray(2, 4) }]);
    expect(Array.from((await store.readFile(ref, 'x'))!)).toEqual([7, 8]);
  });

  it('putModel under a quota error throws RuntimeError(quota) and leaves nothing half-written', async () => {
    const store = fresh();
    await store.putModel(ref, [{ path: 'old', bytes: bytes(1) }]);
    const realPut = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'files' && ++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
    try {
      const err = await store
        .putModel(ref, [
          { path: 'new1', bytes: bytes(1) },
          { path: 'new2', bytes: bytes(2) },
        ], { replace: true })
        .catch((e) => e);
      expect(err).toBeInstanceOf(RuntimeError);
      expect((err as RuntimeError).kind).toBe('quota');
      expect((err as RuntimeError).userMessage.en).toContain('hub:Xenova/tiny');
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
    expect((await store.getModel(ref))!.files.map((f) => f.path)).toEqual(['old']);
    expect(await store.readFile(ref, 'old')).not.toBeNull();
    expect(await store.readFile(ref, 'new1')).toBeNull();
  });

  it('deleteModel removes the record and every file, and only that model', async () => {
    const store = fresh();
    const other = { source: 'local', id: 'mine' } as const;
    await store.putModel(ref, [{ path: 'a', bytes: bytes(1) }, { path: 'b', bytes: bytes(1) }]);
    await store.putModel(other, [{ path: 'a', bytes: bytes(5) }]);
    expect(await store.deleteModel(ref)).toBe(true);
    expect(await store.deleteModel(ref)).toBe(false);
    expect(await store.getModel(ref)).toBeUndefined();
    expect(await store.readFile(ref, 'b')).toBeNull();
    expect(Array.from((await store.readFile(other, 'a'))!)).toEqual([5]);
  });

  it('a damaged model record is reported and skipped on read; replacing it leaves no stray files', async () => {
    const db = openModelsDB(`models-test-${++n}`);
    const store = new ModelStore(db, () => 1000);
    stores.push(store);
    await store.putModel(ref, [{ path: 'a', bytes: bytes(1) }]);
    const broken = { source: 'local', id: 'broken' } as const;
    await (await db).put('files', { model: 'local:broken', path: 'stray.onnx', bytes: new ArrayBuffer(2) });
    await (await db).put('models', { key: 'local:broken', files: 'none' } as never);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await store.listModels()).map((m) => m.key)).toEqual(['hub:Xenova/tiny']);
    expect(await store.getModel(broken)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]![0])).toMatch(/damaged model record: models\["local:broken"\]\.ref/);
    await store.putModel(broken, [{ path: 'config.json', bytes: bytes(7) }], { replace: true });
    expect((await store.getModel(broken))?.files).toEqual([{ path: 'config.json', size: 1 }]);
    expect(await store.readFile(broken, 'stray.onnx')).toBeNull();
    warn.mockRestore();
  });

  it('without IndexedDB (some private modes) the store fails each call, never the page, and closes cleanly', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const missing = new ModelStore();
    vi.unstubAllGlobals();
    await expect(missing.listModels()).rejects.toThrow();
    await expect(missing.close()).resolves.toBeUndefined();
  });

  it('bench runs are listed oldest first, per model', async () => {
    const store = fresh();
    const run = { backend: 'wasm' as const, dtype: 'q8' as const, threads: 2, tokens: 12, runs: 3, latenciesMs: [1, 2, 3], medianMs: 2, p90Ms: 3, tokensPerSec: 6000 };
    await store.addBenchRun({ ...run, model: 'shipped:a', createdAt: 20 });
    await store.addBenchRun({ ...run, model: 'shipped:b', createdAt: 10 });
    await store.addBenchRun({ ...run, model: 'shipped:a', createdAt: 5 });
    expect((await store.listBenchRuns()).map((r) => r.createdAt)).toEqual([5, 10, 20]);
    expect((await store.listBenchRuns('shipped:a')).map((r) => r.createdAt)).toEqual([5, 20]);
    await store.clearBenchRuns();
    expect(await store.listBenchRuns()).toEqual([]);
  });
});
