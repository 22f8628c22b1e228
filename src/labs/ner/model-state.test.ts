import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../lib/runtime/errors';
import type { ModelRef } from '../../lib/runtime/types';
import { DEFAULT_MODEL, ModelState } from './model-state.svelte';
import { modelInfo, tokenizerJson } from './test-support';

function deps(variants = [{ stem: 'model', dtype: 'q8' }]) {
  const loads: { ref: ModelRef; dtype: unknown }[] = [];
  return {
    loads,
    load: async (ref: ModelRef, opts?: { dtype?: unknown }) => {
      loads.push({ ref, dtype: opts?.dtype });
      if (ref.id === 'missing') throw new RuntimeError('model-not-found', { model: ref.id });
      return modelInfo({ ref });
    },
    readTokenizer: async () => tokenizerJson(),
    inspect: async () => ({ variants }),
  };
}

describe('ModelState', () => {
  it('starts on the shipped model and loads it with the weights it has', async () => {
    const d = deps();
    const m = new ModelState(d);
    expect([m.key, m.autoLoad]).toEqual(['shipped:mini-bert-med-ner', true]);
    m.dtype = 'fp32';
    await m.load();
    expect(m.phase).toBe('ready');
    expect(m.dtypes).toEqual(['q8']);
    expect(d.loads).toEqual([{ ref: DEFAULT_MODEL, dtype: 'auto' }]);
    expect(m.loaded?.scheme.bio).toBe(true);
  });
  it('cancels a load in progress: the runtime sees the abort, the lab is back to idle, and a new load works', async () => {
    let seen: AbortSignal | undefined;
    let called!: () => void;
    const loadCalled = new Promise<void>((ok) => (called = ok));
    const d = {
      ...deps(),
      load: (ref: ModelRef, opts?: { signal?: AbortSignal }) => {
        seen = opts?.signal;
        called();
        return new Promise<ReturnType<typeof modelInfo>>((ok, fail) => {
          const timer = setTimeout(() => ok(modelInfo({ ref })), 50);
          opts?.signal?.addEventListener('abort', () => (clearTimeout(timer), fail(new RuntimeError('cancelled', {}))));
        });
      },
    };
    const m = new ModelState(d);
    const pending = m.load();
    await loadCalled;
    expect(m.phase).toBe('loading');
    m.cancel();
    expect([m.phase, seen?.aborted]).toEqual(['idle', true]);
    expect(await pending).toBeNull();
    expect([m.phase, m.loaded, m.error]).toEqual(['idle', null, null]);
    await m.load();
    expect(m.phase).toBe('ready');
    m.cancel(); // nothing to cancel: the loaded model stays
    expect([m.phase, m.loaded !== null]).toEqual(['ready', true]);
  });
  it('takes a Hub model from the query but does not load it by itself', () => {
    const m = new ModelState(deps(), 'hub:Xenova/bert-base-NER');
    expect([m.key, m.autoLoad, m.choices.length]).toEqual(['hub:Xenova/bert-base-NER', false, 2]);
  });
  it('shows a malformed reference or a failed load as an error, and forgets a model whose worker died', async () => {
    expect(new ModelState(deps(), 'hub:not a model').phase).toBe('error');
    const m = new ModelState(deps(), 'shipped:missing');
    await m.load();
    expect(m.phase).toBe('error');
    expect((m.error as RuntimeError).code).toBe('model-not-found');
    m.choose('shipped:mini-bert-med-ner');
    await m.load();
    m.forget();
    expect([m.phase, m.loaded]).toEqual(['idle', null]);
  });
  it('keeps only the latest of two overlapping loads', async () => {
    const m = new ModelState(deps());
    const first = m.load();
    m.choose('shipped:other');
    const second = m.load();
    expect(await first).toBeNull();
    expect((await second)?.info.ref.id).toBe('other');
    expect(m.loaded?.info.ref.id).toBe('other');
  });
});
