import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdbBackend } from './db';
import { MemoryBackend } from './memory-backend';
import { migrations, v1Initial, type Migration } from './migrations';
import { openStorage, StorageHandle, type OpenedStorage } from './open-storage';
import type { ConnectionEvent } from './storage-backend';

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('openStorage', () => {
  it('openStorage() uses IndexedDB when it opens', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const opened = await openStorage({ name: 'open-test' });
    expect(opened.backend).toBeInstanceOf(IdbBackend);
    expect(opened.backend.persistent).toBe(true);
    expect(opened.fallbackReason).toBeNull();
    expect(opened.database?.version).toBe(2);
    opened.backend.close();
  });

  it('falls back to memory when indexedDB.open throws (private mode)', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    });
    const opened = await openStorage({ name: 'open-test' });
    expect(opened.backend).toBeInstanceOf(MemoryBackend);
    expect(opened.backend.persistent).toBe(false);
    expect(opened.database).toBeNull();
    expect(opened.fallbackReason).toBe(
      'IndexedDB could not be opened (SecurityError: The user denied permission to access the database.).',
    );
    await opened.backend.putNote({ key: '1/a', markdown: 'kept in memory', updatedAt: 1 });
    expect((await opened.backend.load()).notes).toHaveLength(1);
  });

  it('falls back to memory when the open request fails (a database newer than this app)', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const future = await openDB('open-test', 9);
    future.close();
    const opened = await openStorage({ name: 'open-test' });
    expect(opened.backend.persistent).toBe(false);
    expect(opened.fallbackReason).toMatch(/^IndexedDB could not be opened \(VersionError: /);
  });

  it('falls back to memory when there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const opened = await openStorage();
    expect(opened.backend.persistent).toBe(false);
    expect(opened.fallbackReason).toBe('IndexedDB is not available in this browser.');
  });

  it('falls back to memory when a migration fails, naming it', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const broken: Migration = { version: 2, description: 'broken', upgrade: () => Promise.reject(new Error('nope')) };
    const opened = await openStorage({ name: 'open-test', migrations: [v1Initial, broken] });
    expect(opened.fallbackReason).toBe(
      'IndexedDB could not be opened (Error: IndexedDB migration to v2 (broken) failed: Error: nope).',
    );
  });

  it('marks the backend closed on version-change and passes the event on', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const events: ConnectionEvent[] = [];
    const opened = await openStorage({ name: 'open-test', onEvent: (e) => events.push(e) });
    const v3: Migration = { version: 3, description: 'a lab store', upgrade: () => {} };
    const newer = await openStorage({ name: 'open-test', migrations: [...migrations, v3] });
    expect(newer.database?.version).toBe(3);
    expect(events).toEqual(['version-change']);
    await expect(opened.backend.load()).rejects.toThrow('Storage is closed (version-change); reload the page');
    newer.backend.close();
  });
});

describe('StorageHandle', () => {
  const fakeOpened = { backend: new MemoryBackend(), database: null, fallbackReason: null } satisfies OpenedStorage;

  it('open() opens once and shares the result', async () => {
    const open = vi.fn(async () => fakeOpened);
    const handle = new StorageHandle(open);
    const [a, b] = await Promise.all([handle.open(), handle.open()]);
    expect(a).toBe(b);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('subscribe() passes events on, replays the latest to late subscribers, and unsubscribes', async () => {
    let emit: (e: ConnectionEvent) => void = () => {};
    const handle = new StorageHandle(async (options) => {
      emit = options.onEvent!;
      return fakeOpened;
    });
    await handle.open();
    const early = vi.fn();
    const stop = handle.subscribe(early);
    emit('version-change');
    const late = vi.fn();
    handle.subscribe(late);
    stop();
    emit('terminated');
    expect(early.mock.calls).toEqual([['version-change']]);
    expect(late.mock.calls).toEqual([['version-change'], ['terminated']]);
  });

  it('does not replay "blocked" once the open has gone through', async () => {
    const handle = new StorageHandle(async (options) => {
      options.onEvent!('blocked');
      return fakeOpened;
    });
    await handle.open();
    const late = vi.fn();
    handle.subscribe(late);
    expect(late).not.toHaveBeenCalled();
  });
});
