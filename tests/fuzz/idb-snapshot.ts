/**
 * Every IndexedDB database of the current `indexedDB` (fake-indexeddb in unit tests), every store,
 * every key and value, as one canonical string: two snapshots are equal exactly when nothing was
 * written in between. Binary values are written out byte for byte.
 */

function canonical(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { $bytes: Array.from(new Uint8Array(value)).join(',') };
  if (ArrayBuffer.isView(value)) return { $view: value.constructor.name, $bytes: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)).join(',') };
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  return value;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export async function snapshotDatabases(factory: IDBFactory = indexedDB): Promise<string> {
  const infos = (await factory.databases()).filter((d) => d.name).sort((a, b) => a.name!.localeCompare(b.name!));
  const out: unknown[] = [];
  for (const info of infos) {
    const db = await request(factory.open(info.name!));
    try {
      const names = [...db.objectStoreNames].sort();
      const stores: unknown[] = [];
      if (names.length > 0) {
        const tx = db.transaction(names, 'readonly');
        for (const name of names) {
          const store = tx.objectStore(name);
          const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
          stores.push([name, canonical(keys), canonical(values)]);
        }
      }
      out.push([info.name, db.version, stores]);
    } finally {
      db.close();
    }
  }
  return JSON.stringify(out);
}
