import { IDBFactory } from 'fake-indexeddb';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStorage, StorageHandle } from './open-storage';
import { maskSecret, Secret, SecretStore } from './secrets';

const KEY = 'sk-proj-abcdefghijklmnop9xQz';

describe('maskSecret', () => {
  it('maskSecret(key) shows three leading and four trailing characters of a long key', () => {
    expect(maskSecret(KEY)).toBe('sk-…9xQz');
    expect(maskSecret('0123456789abcdef')).toBe('012…cdef');
  });

  it('maskSecret(key) hides a short key completely, without giving away its length', () => {
    expect(maskSecret('abc')).toBe('••••••••');
    expect(maskSecret('0123456789abcde')).toBe('••••••••');
  });
});

describe('Secret', () => {
  it('every string form of a Secret is masked; reveal() gives the key', () => {
    const s = new Secret(KEY);
    expect(s.reveal()).toBe(KEY);
    expect(String(s)).toBe('sk-…9xQz');
    expect(`${s}`).toBe('sk-…9xQz');
    expect(JSON.stringify({ s })).toBe('{"s":"sk-…9xQz"}');
    expect(inspect(s)).toBe('Secret(sk-…9xQz)');
    expect(Object.keys(s)).toEqual([]);
  });
});

describe('SecretStore', () => {
  let store: SecretStore;
  const logged: unknown[][] = [];

  beforeEach(() => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    store = new SecretStore(new StorageHandle((o) => openStorage({ ...o, name: 'secrets-test' })));
    logged.length = 0;
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('save() then load() gives the key back (trimmed), and remove() deletes it', async () => {
    expect(await store.load('llm-api')).toBeNull();
    await store.save('llm-api', `  ${KEY}\n`);
    expect((await store.load('llm-api'))?.reveal()).toBe(KEY);
    expect(await store.persistent()).toBe(true);
    await store.remove('llm-api');
    expect(await store.load('llm-api')).toBeNull();
  });

  it('keeps the key in IndexedDB, readable by a second page of the same origin', async () => {
    await store.save('llm-api', KEY);
    const other = new SecretStore(new StorageHandle((o) => openStorage({ ...o, name: 'secrets-test' })));
    expect((await other.load('llm-api'))?.reveal()).toBe(KEY);
  });

  it('never writes the key to the console, even when the stored entry is damaged', async () => {
    await store.save('llm-api', KEY);
    await store.load('llm-api');
    const opened = await openStorage({ name: 'secrets-test' });
    await opened.backend.setMeta('secret:llm-api', { key: KEY } as never);
    expect(await store.load('llm-api')).toBeNull();
    expect(logged.length).toBeGreaterThan(0); // the damaged entry was reported…
    expect(JSON.stringify(logged)).not.toContain(KEY.slice(3, -4)); // …without the key
  });

  it('refuses empty, multi-line and over-long keys, and bad names', async () => {
    await expect(store.save('llm-api', '   ')).rejects.toThrow('the key is empty');
    await expect(store.save('llm-api', 'sk-a\nsk-b')).rejects.toThrow('the key contains spaces or line breaks');
    await expect(store.save('llm-api', 'x'.repeat(5_000))).rejects.toThrow('longer than 4096');
    await expect(store.save('LLM API', KEY)).rejects.toThrow('invalid secret name "LLM API"');
    await expect(store.load('../x')).rejects.toThrow(RangeError);
  });

  it('works on the in-memory fallback and says it is not persistent', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const memory = new SecretStore(new StorageHandle(openStorage));
    await memory.save('llm-api', KEY);
    expect((await memory.load('llm-api'))?.reveal()).toBe(KEY);
    expect(await memory.persistent()).toBe(false);
  });
});
