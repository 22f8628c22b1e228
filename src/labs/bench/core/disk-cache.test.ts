import { describe, expect, it } from 'vitest';
import { diskCacheAvailable, diskCacheGet, diskCachePut } from './disk-cache';

/** A fetch that behaves like the runner's route (a map of keys), or like an app server without it. */
function fakeRunner(withMark: boolean) {
  const files = new Map<string, ArrayBuffer>();
  const calls: string[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = String(input).split('/__bench-cache/')[1]!;
    calls.push(`${init?.method ?? 'GET'} ${key}`);
    const headers: Record<string, string> = withMark ? { 'x-bench-cache': '1' } : {};
    if (init?.method === 'PUT') {
      files.set(key, init.body as ArrayBuffer);
      return new Response(null, { status: withMark ? 201 : 404, headers });
    }
    if (key === 'ping') return new Response('', { status: 200, headers });
    // an app server answers unknown paths with its index.html (200), without the mark
    const body = files.get(key);
    return body ? new Response(body, { status: 200, headers }) : new Response('<!doctype html>', { status: withMark ? 404 : 200, headers });
  }) as typeof fetch;
  return { fetcher, calls };
}

describe('bench disk cache', () => {
  it('round-trips bytes through the runner', async () => {
    const { fetcher } = fakeRunner(true);
    expect(await diskCacheAvailable(fetcher)).toBe(true);
    expect(await diskCacheGet('real-v1-a', fetcher)).toBeNull();
    const bytes = Float32Array.of(1, 2, 3).buffer;
    expect(await diskCachePut('real-v1-a', bytes, fetcher)).toBe(true);
    expect(Array.from(new Float32Array((await diskCacheGet('real-v1-a', fetcher))!))).toEqual([1, 2, 3]);
  });

  it('without the runner, an HTML fallback page is never taken for cached bytes', async () => {
    const { fetcher } = fakeRunner(false);
    expect(await diskCacheAvailable(fetcher)).toBe(false);
    expect(await diskCacheGet('real-v1-a', fetcher)).toBeNull();
    expect(await diskCachePut('real-v1-a', new ArrayBuffer(4), fetcher)).toBe(false);
  });

  it('refuses keys that could leave the cache folder', async () => {
    const { fetcher, calls } = fakeRunner(true);
    await expect(diskCacheGet('../secrets', fetcher)).resolves.toBeNull();
    await expect(diskCachePut('a/b', new ArrayBuffer(1), fetcher)).resolves.toBe(false);
    expect(calls).toEqual([]);
  });
});
