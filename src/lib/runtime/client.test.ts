import { describe, expect, it, vi } from 'vitest';
import { RuntimeClient } from './client.svelte';
import { RuntimeError } from './errors';
import { FakeWorker, info } from './test-support/fake-worker';

function setup(debug = true) {
  const workers: FakeWorker[] = [];
  const client = new RuntimeClient({ createWorker: () => workers[workers.push(new FakeWorker()) - 1]!, storage: null, debug });
  return { client, workers, w: () => workers.at(-1)! };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function loaded(s: ReturnType<typeof setup>) {
  const p = s.client.load({ source: 'shipped', id: 'tiny-bert' });
  s.w().emit({ type: 'ready' });
  s.w().emit({ type: 'result', id: s.w().last('load').id, result: info('m1') });
  return p;
}

describe('RuntimeClient', () => {
  it('starts the worker lazily and matches replies to requests by id', async () => {
    const s = setup();
    expect(s.workers).toHaveLength(0);
    expect(s.client.status.worker).toBe('starting');
    const a = s.client.probeBackends();
    const b = s.client.probeBackends();
    s.w().emit({ type: 'ready' });
    expect(s.client.status.worker).toBe('busy');
    const [idA, idB] = s.w().sent.map((m) => (m as { id: number }).id);
    const probe = (threads: number) => ({ webgpu: { available: false, reason: 'x' }, wasm: { simd: true, threads, crossOriginIsolated: true } });
    s.w().emit({ type: 'result', id: idB!, result: probe(2) });
    s.w().emit({ type: 'result', id: idA!, result: probe(1) });
    expect((await a).wasm.threads).toBe(1);
    expect((await b).wasm.threads).toBe(2);
    expect(s.client.status.worker).toBe('ready');
  });

  it('load sends resolved options (settings fill in auto), prefixes the handle with the worker generation, and loads once', async () => {
    const s = setup();
    s.client.settings.backend = 'wasm';
    const first = loaded(s);
    const again = s.client.load({ source: 'shipped', id: 'tiny-bert' });
    const msg = s.w().last('load');
    expect(msg).toMatchObject({ ref: { source: 'shipped', id: 'tiny-bert' }, opts: { backend: 'wasm', dtype: 'auto', modelFile: 'model' }, hubBaseUrl: 'https://huggingface.co' });
    expect((await first).handle).toBe('g1/m1');
    expect(s.client.load({ source: 'shipped', id: 'tiny-bert' })).toBe(again);
    expect((await again).handle).toBe('g1/m1');
    expect(s.w().sent.filter((m) => m.type === 'load')).toHaveLength(1);
    s.client.load({ source: 'shipped', id: 'tiny-bert' }, { modelFile: 'model_mlm' });
    expect(s.w().sent.filter((m) => m.type === 'load')).toHaveLength(2);
  });

  it('passes worker handles through and streams progress to the caller', async () => {
    const s = setup();
    const { handle } = await loaded(s);
    const seen: number[] = [];
    const p = s.client.embed(handle, ['a', 'b'], { batchSize: 1 }, (pr) => seen.push(pr.done));
    const msg = s.w().last('embed');
    expect(msg).toMatchObject({ handle: 'm1', texts: ['a', 'b'], opts: { batchSize: 1 } });
    s.w().emit({ type: 'progress', id: msg.id, progress: { done: 1, total: 2 } });
    s.w().emit({ type: 'progress', id: msg.id, progress: { done: 2, total: 2 } });
    s.w().emit({ type: 'result', id: msg.id, result: new Float32Array([1, 2]) });
    expect(Array.from(await p)).toEqual([1, 2]);
    expect(seen).toEqual([1, 2]);
  });

  it('rebuilds worker errors as RuntimeError with both languages', async () => {
    const s = setup();
    const { handle } = await loaded(s);
    const p = s.client.fillMask(handle, 'no mask here');
    s.w().emit({ type: 'error', id: s.w().last('fillMask').id, error: { code: 'no-mask', params: { mask: '[MASK]' } } });
    const err = await p.catch((e) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect([err.kind, err.userMessage.en]).toEqual(['input', 'The text has no [MASK] token to fill.']);
    expect(s.client.status.lastError).toBe(err);
  });

  it('aborting a call rejects it as cancelled at once and tells the worker to stop', async () => {
    const s = setup();
    const { handle } = await loaded(s);
    const ac = new AbortController();
    const p = s.client.embed(handle, ['x'], { signal: ac.signal });
    const id = s.w().last('embed').id;
    ac.abort();
    expect((await p.catch((e) => e)).kind).toBe('cancelled');
    expect(s.w().last('cancel')).toEqual({ type: 'cancel', id });
    s.w().emit({ type: 'result', id, result: new Float32Array(1) });
    expect(s.client.status.worker).toBe('ready');
    const pre = new AbortController();
    pre.abort();
    expect((await s.client.embed(handle, ['x'], { signal: pre.signal }).catch((e) => e)).kind).toBe('cancelled');
  });

  it('a load cancelled by its only caller rejects at once, is cancelled in the worker, and a new load starts afresh', async () => {
    const s = setup();
    const ac = new AbortController();
    const p = s.client.load({ source: 'shipped', id: 'tiny-bert' }, { signal: ac.signal });
    s.w().emit({ type: 'ready' });
    const id = s.w().last('load').id;
    expect(s.w().last('load')).not.toHaveProperty('opts.signal');
    ac.abort();
    expect((await p.catch((e) => e)).code).toBe('cancelled');
    expect(s.w().last('cancel')).toEqual({ type: 'cancel', id });
    expect(s.client.status.worker).toBe('ready');
    s.client.load({ source: 'shipped', id: 'tiny-bert' });
    expect(s.w().sent.filter((m) => m.type === 'load')).toHaveLength(2);
    const pre = new AbortController();
    pre.abort();
    expect((await s.client.load({ source: 'shipped', id: 'other' }, { signal: pre.signal }).catch((e) => e)).code).toBe('cancelled');
    expect(s.w().sent.filter((m) => m.type === 'load')).toHaveLength(2);
  });

  it('callers of one load each get its progress; one leaving does not cancel it for the others', async () => {
    const s = setup();
    const ref = { source: 'shipped', id: 'tiny-bert' } as const;
    const seen: string[] = [];
    const leaving = new AbortController();
    const a = s.client.load(ref, { signal: leaving.signal }, (p) => seen.push(`a${p.done}`));
    const b = s.client.load(ref, { signal: new AbortController().signal }, (p) => seen.push(`b${p.done}`));
    const c = s.client.load(ref, {}, (p) => seen.push(`c${p.done}`));
    s.w().emit({ type: 'ready' });
    const id = s.w().last('load').id;
    s.w().emit({ type: 'progress', id, progress: { done: 1, total: 3 } });
    leaving.abort();
    expect((await a.catch((e) => e)).code).toBe('cancelled');
    s.w().emit({ type: 'progress', id, progress: { done: 2, total: 3 } });
    s.w().emit({ type: 'result', id, result: info('m1') });
    expect([(await b).handle, (await c).handle]).toEqual(['g1/m1', 'g1/m1']);
    expect(seen).toEqual(['a1', 'b1', 'c1', 'b2', 'c2']);
    expect(s.w().sent.filter((m) => m.type === 'cancel')).toEqual([]);
  });

  it('a load that finished in the worker just after it was cancelled is unloaded there, not kept', async () => {
    const s = setup();
    const ac = new AbortController();
    const p = s.client.load({ source: 'shipped', id: 'tiny-bert' }, { signal: ac.signal });
    s.w().emit({ type: 'ready' });
    const id = s.w().last('load').id;
    ac.abort();
    await p.catch(() => undefined);
    s.w().emit({ type: 'result', id, result: info('m7') });
    expect(s.w().last('unload')).toMatchObject({ handle: 'm7' });
    s.w().emit({ type: 'result', id: s.w().last('unload').id, result: null });
    await tick();
    expect(s.client.status.worker).toBe('ready');
    // an ordinary late reply (an error) releases nothing
    const other = new AbortController();
    const q = s.client.load({ source: 'shipped', id: 'other' }, { signal: other.signal });
    other.abort();
    await q.catch(() => undefined);
    s.w().emit({ type: 'error', id: s.w().last('load').id, error: { code: 'cancelled', params: {} } });
    expect(s.w().sent.filter((m) => m.type === 'unload')).toHaveLength(1);
  });

  it('unload releases one worker use per cached load of the handle (auto and an explicit backend may resolve to one session)', async () => {
    const s = setup();
    const ref = { source: 'shipped', id: 'tiny-bert' } as const;
    const a = s.client.load(ref);
    s.w().emit({ type: 'ready' });
    s.w().emit({ type: 'result', id: s.w().last('load').id, result: info('m1') });
    const b = s.client.load(ref, { backend: 'wasm' });
    s.w().emit({ type: 'result', id: s.w().last('load').id, result: info('m1') });
    expect((await a).handle).toBe((await b).handle);
    const done = s.client.unload('g1/m1');
    await vi.waitFor(() => expect(s.w().sent.filter((m) => m.type === 'unload')).toHaveLength(1));
    s.w().emit({ type: 'result', id: s.w().last('unload').id, result: null });
    await vi.waitFor(() => expect(s.w().sent.filter((m) => m.type === 'unload')).toHaveLength(2));
    s.w().emit({ type: 'result', id: s.w().last('unload').id, result: null });
    await done;
    expect(s.w().sent.filter((m) => m.type === 'unload').map((m) => (m as { handle: string }).handle)).toEqual(['m1', 'm1']);
  });

  it('a crash rejects pending calls with worker-crashed, restarts an empty worker, and makes old handles stale', async () => {
    const s = setup();
    const { handle } = await loaded(s);
    const crashes: RuntimeError[] = [];
    const off = s.client.onCrash((e) => crashes.push(e));
    const pending = s.client.embed(handle, ['x']);
    const old = s.w();
    old.onerror?.({ message: 'RuntimeError: Aborted(OOM)', preventDefault() {} } as ErrorEvent);
    const err = await pending.catch((e) => e);
    expect([err.kind, err.code]).toEqual(['worker-crashed', 'worker-crashed']);
    expect(err.userMessage.en).toContain('Aborted(OOM)');
    expect(old.terminated).toBe(true);
    expect(s.workers).toHaveLength(2);
    expect(s.w().sent).toEqual([]);
    expect([s.client.status.worker, s.client.status.restarts]).toEqual(['restarting', 1]);
    expect(crashes).toHaveLength(1);
    s.w().emit({ type: 'ready' });
    expect(s.client.status.worker).toBe('ready');
    const stale = await s.client.run(handle, { text: 'x' }).catch((e) => e);
    expect(stale.code).toBe('stale-handle');
    await expect(s.client.unload(handle)).resolves.toBeUndefined();
    const reload = s.client.load({ source: 'shipped', id: 'tiny-bert' });
    expect(s.w().last('load')).toBeDefined();
    s.w().emit({ type: 'result', id: s.w().last('load').id, result: info('m1') });
    expect((await reload).handle).toBe('g2/m1');
    off();
    s.w().emit({ type: 'fatal', error: { code: 'internal', params: { detail: 'memory access out of bounds' } } });
    await tick();
    expect(crashes).toHaveLength(1);
    expect(s.client.status.restarts).toBe(2);
  });

  it('messages from a dead worker are ignored', async () => {
    const s = setup();
    const p = s.client.probeBackends();
    const old = s.w();
    old.onmessageerror?.({} as MessageEvent);
    expect((await p.catch((e) => e)).kind).toBe('worker-crashed');
    old.emit({ type: 'ready' });
    expect(s.client.status.worker).toBe('restarting');
  });

  it('__killWorkerForTest asks the worker to crash in debug builds only', () => {
    const s = setup(true);
    s.client.__killWorkerForTest();
    expect(s.w().sent).toEqual([{ type: 'crash-for-test' }]);
    expect(() => setup(false).client.__killWorkerForTest()).toThrow(/debug/);
  });

  it('refuses malformed refs and handles before talking to the worker', async () => {
    const s = setup();
    expect((await s.client.load({ source: 'hub', id: 'no-slash' }).catch((e) => e)).code).toBe('bad-hub-id');
    expect((await s.client.run('nonsense', { text: 'x' }).catch((e) => e)).code).toBe('unknown-handle');
    expect(s.workers).toHaveLength(0);
  });
  it('holds off reloading into a new version while any call is pending, until the last settles or the worker crashes', async () => {
    const workers: FakeWorker[] = [];
    const log: string[] = [];
    const client = new RuntimeClient({
      createWorker: () => workers[workers.push(new FakeWorker()) - 1]!,
      storage: null,
      holdReload: () => {
        log.push('hold');
        return () => log.push('release');
      },
    });
    const w = () => workers.at(-1)!;
    const probe = client.probeBackends();
    const inspect = client.inspect({ source: 'shipped', id: 'tiny-bert' });
    w().emit({ type: 'ready' });
    expect(log).toEqual(['hold']);
    w().emit({ type: 'result', id: w().last('probe').id, result: {} as never });
    await probe;
    expect(log).toEqual(['hold']);
    w().emit({ type: 'result', id: w().last('inspect').id, result: {} as never });
    await inspect;
    expect(log).toEqual(['hold', 'release']);
    const pending = client.probeBackends().catch((e: RuntimeError) => e.code);
    w().onerror?.({ message: 'RuntimeError: Aborted(OOM)', preventDefault() {} } as ErrorEvent);
    expect(await pending).toBe('worker-crashed');
    expect(log).toEqual(['hold', 'release', 'hold', 'release']);
  });
});
