/**
 * A disk cache that only `npm run bench` provides: the runner answers `GET`/`PUT
 * <base>__bench-cache/<key>` from `bench/.cache/` (and marks its answers with `x-bench-cache: 1`).
 * In the app, nothing answers with that header, so every call says "not cached" / "not stored" —
 * the Benchmark page then measures what fits a learner's run without it.
 */
const BASE = `${import.meta.env?.BASE_URL ?? '/'}__bench-cache/`;
const MARK = 'x-bench-cache';

export const CACHE_KEY = /^[\w.-]{1,120}$/;

function url(key: string): string {
  if (!CACHE_KEY.test(key)) throw new RangeError(`bad cache key ${JSON.stringify(key)}`);
  return BASE + key;
}

/** Whether the runner's disk cache answers here. */
export async function diskCacheAvailable(fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const r = await fetcher(url('ping'), { cache: 'no-store' });
    return r.ok && r.headers.get(MARK) === '1';
  } catch {
    return false;
  }
}

/** The stored bytes, or null when absent (or when there is no runner). */
export async function diskCacheGet(key: string, fetcher: typeof fetch = fetch): Promise<ArrayBuffer | null> {
  try {
    const r = await fetcher(url(key), { cache: 'no-store' });
    if (!r.ok || r.headers.get(MARK) !== '1') return null;
    return await r.arrayBuffer();
  } catch {
    return null;
  }
}

/** Stores bytes under `key`; false when there is no runner to keep them. */
export async function diskCachePut(key: string, bytes: ArrayBuffer, fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const r = await fetcher(url(key), { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    return r.ok && r.headers.get(MARK) === '1';
  } catch {
    return false;
  }
}
