import { describe, expect, it, vi } from 'vitest';
import { MemoryBackend } from './memory-backend';
import { requestPersistenceOnce, storageEstimate, type StorageManagerLike } from './persistence';
import type { StorageBackend } from './storage-backend';

/** A MemoryBackend that reports itself persistent, standing in for IndexedDB's meta store. */
function persistentMemory(): StorageBackend {
  return Object.defineProperty(new MemoryBackend(), 'persistent', { value: true });
}

function manager(granted: boolean | Error): StorageManagerLike & { persist: ReturnType<typeof vi.fn> } {
  return {
    persist: vi.fn(async () => {
      if (granted instanceof Error) throw granted;
      return granted;
    }),
    estimate: vi.fn(async () => ({ usage: 1_234, quota: 5_000_000 })),
  };
}

describe('requestPersistenceOnce', () => {
  it('asks the browser once, then answers from what it recorded', async () => {
    const backend: StorageBackend = persistentMemory();
    const m = manager(true);
    expect(await requestPersistenceOnce(backend, m, () => 42)).toBe(true);
    expect(await requestPersistenceOnce(backend, m, () => 43)).toBe(true);
    expect(m.persist).toHaveBeenCalledTimes(1);
    expect(await backend.getMeta('persistence', (v) => v as never)).toEqual({ requestedAt: 42, granted: true });
  });

  it('records a refusal, or a rejection, as not granted and does not ask again', async () => {
    for (const answer of [false, new Error('not allowed')]) {
      const backend = persistentMemory();
      const m = manager(answer);
      expect(await requestPersistenceOnce(backend, m)).toBe(false);
      expect(await requestPersistenceOnce(backend, m)).toBe(false);
      expect(m.persist).toHaveBeenCalledTimes(1);
    }
  });

  it('does not ask on the in-memory fallback or without a storage manager', async () => {
    const m = manager(true);
    expect(await requestPersistenceOnce(new MemoryBackend(), m)).toBeNull();
    expect(m.persist).not.toHaveBeenCalled();
    expect(await requestPersistenceOnce(persistentMemory(), null)).toBeNull();
  });
});

describe('storageEstimate', () => {
  it('storageEstimate(manager) gives usage and quota, or null when unknown', async () => {
    expect(await storageEstimate(manager(true))).toEqual({ usage: 1_234, quota: 5_000_000 });
    expect(await storageEstimate(null)).toBeNull();
    expect(await storageEstimate({ persist: async () => true, estimate: async () => ({}) })).toBeNull();
    expect(await storageEstimate({ persist: async () => true, estimate: () => Promise.reject(new Error('x')) })).toBeNull();
  });
});
