import { describe, expect, it, vi } from 'vitest';
import { PwaUpdate } from './pwa-update.svelte';

describe('PwaUpdate', () => {
  it('reloads at once when nothing defers it', async () => {
    const apply = vi.fn(async () => {});
    const pwa = new PwaUpdate();
    pwa.attach(apply);
    pwa.markUpdateAvailable();
    expect(await pwa.requestReload()).toBe(true);
    expect(apply).toHaveBeenCalledWith(true);
  });

  it('waits for every deferral to be released, then reloads once', async () => {
    const apply = vi.fn(async () => {});
    const pwa = new PwaUpdate();
    pwa.attach(apply);
    const releaseA = pwa.deferReload('model download');
    const releaseB = pwa.deferReload('training');
    expect(pwa.deferredBy).toEqual(['model download', 'training']);
    expect(await pwa.requestReload()).toBe(false);
    releaseA();
    releaseA();
    expect(apply).not.toHaveBeenCalled();
    releaseB();
    await Promise.resolve();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(pwa.deferredBy).toEqual([]);
  });

  it('does not reload on release when the learner never asked', () => {
    const apply = vi.fn(async () => {});
    const pwa = new PwaUpdate();
    pwa.attach(apply);
    pwa.deferReload('x')();
    expect(apply).not.toHaveBeenCalled();
  });
});
