/**
 * The API-key helper (src/lib/storage/secrets.ts) never puts a key where it could leak: not on the
 * console (every method spied, on IndexedDB and on the in-memory fallback), not in an error
 * message (refused keys, a full disk, damaged entries), not in a progress export.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStorage, StorageHandle } from '../../src/lib/storage/open-storage';
import { SecretStore } from '../../src/lib/storage/secrets';
import { storeFor, newTabContext } from '../../src/progress/store-fixture';

const KEY = 'sk-live-4f9a2c7e1b8d6035aa91cc42e7f0b3d9';
/** Any 8 characters in a row from the middle of the key would already give too much away. */
const FRAGMENTS = Array.from({ length: KEY.length - 11 }, (_, i) => KEY.slice(3 + i, 11 + i));

const CONSOLE = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;
let logged: string[];

function leaks(text: string): string[] {
  return FRAGMENTS.filter((f) => text.includes(f));
}

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  logged = [];
  for (const level of CONSOLE) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' ')));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Everything an error says about itself (DOMExceptions from fake-indexeddb come from another realm). */
async function failureText(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(() => null, (err: unknown) => err);
  expect(e).toMatchObject({ name: expect.any(String), message: expect.any(String) });
  const { name, message, stack } = e as Error;
  return `${name} ${message} ${stack ?? ''} ${JSON.stringify(e)}`;
}

describe.each([
  ['IndexedDB', () => new SecretStore(new StorageHandle((o) => openStorage({ ...o, name: 'secrets-leak-test' })))],
  ['the in-memory fallback', () => {
    vi.stubGlobal('indexedDB', undefined);
    return new SecretStore(new StorageHandle(openStorage));
  }],
])('secrets on %s are never logged', (_name, make) => {
  it('save, load, mask and remove log nothing about the key', async () => {
    const store = make();
    await store.save('llm-api', `  ${KEY} `);
    const secret = await store.load('llm-api');
    expect(secret?.reveal()).toBe(KEY);
    const shown = [String(secret), `${secret}`, JSON.stringify({ secret }), secret!.masked].join(' ');
    expect(leaks(shown)).toEqual([]);
    await store.remove('llm-api');
    expect(await store.load('llm-api')).toBeNull();
    expect(leaks(logged.join('\n'))).toEqual([]);
  });

  it('a refused key is not repeated in the error, nor logged', async () => {
    const store = make();
    const texts = await Promise.all([
      failureText(store.save('llm-api', `${KEY} ${KEY}`)),
      failureText(store.save('llm-api', `${KEY}\n`.repeat(2))),
      failureText(store.save('llm-api', KEY.repeat(200))),
    ]);
    expect(texts.flatMap(leaks)).toEqual([]);
    expect(leaks(logged.join('\n'))).toEqual([]);
  });
});

describe('secrets on IndexedDB under faults', () => {
  const store = () => new SecretStore(new StorageHandle((o) => openStorage({ ...o, name: 'secrets-fault-test' })));

  it('a full disk while saving: the error names no key, and nothing is logged', async () => {
    const s = store();
    await s.load('llm-api'); // storage open before the disk fills up
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'meta') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    expect(leaks(await failureText(s.save('llm-api', KEY)))).toEqual([]);
    expect(leaks(logged.join('\n'))).toEqual([]);
  });

  it('damaged entries (an object holding the key, an over-long string, a number) are skipped with a warning that names no key', async () => {
    const s = store();
    const { backend } = await openStorage({ name: 'secrets-fault-test' });
    const damaged: [string, unknown][] = [
      ['secret:a', { key: KEY, note: `copy of ${KEY}` }],
      ['secret:b', `${KEY}${'x'.repeat(5_000)}`],
      ['secret:c', 42],
      ['secret:d', [KEY]],
    ];
    for (const [k, v] of damaged) await backend.setMeta(k as `secret:${string}`, v as string);
    for (const name of ['a', 'b', 'c', 'd']) expect(await s.load(name)).toBeNull();
    expect(logged.length).toBe(damaged.length);
    expect(leaks(logged.join('\n'))).toEqual([]);
    backend.close();
  });

  it('a progress export never carries a saved key', async () => {
    const tab = newTabContext();
    const progress = storeFor(tab, { channel: null });
    await progress.ready;
    const secrets = new SecretStore(new StorageHandle((o) => openStorage({ ...o, name: tab.dbName })));
    await secrets.save('llm-api', KEY);
    await progress.saveNotes('2/transformer', 'notes');
    const exported = await (await progress.exportJSON()).text();
    expect(exported).toContain('notes');
    expect(leaks(exported)).toEqual([]);
    expect((await secrets.load('llm-api'))?.reveal()).toBe(KEY);
    await progress.dispose();
  });
});
