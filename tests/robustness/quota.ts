/**
 * A full disk on demand: a small storage quota for the app's origin through the DevTools protocol
 * (`Storage.overrideQuotaForOrigin`). IndexedDB then fails writes with `QuotaExceededError` once the
 * origin's usage would pass the quota.
 *
 * Two things in Chromium make a naive limit leak (both measured; tests/README.md):
 * - IndexedDB keeps the space the quota manager last granted for up to 30 s
 *   (`BucketContext::kBucketSpaceCacheTimeLimit`) and allots writes from it without asking again,
 *   unless the origin's backing store closes first (2 s after its last connection). So `limit()`
 *   leaves the page for `about:blank`, waits until the usage has been still for a while, lowers
 *   the quota while nothing of the origin is open, comes back, and proves with a probe write that
 *   the limit bites.
 * - IndexedDB's usage drops by itself at moments a test does not control (LevelDB rewriting its
 *   files): it dropped by 2.2 MB just after a limit was set, and the "full" origin had megabytes of
 *   room. No wait prevented that; what holds is a bound: the usage cannot drop by more than all
 *   IndexedDB holds. `limit()` returns that amount, and the notes, embedding and model tests make
 *   the write that must be refused larger than headroom + that amount, with an assertion saying so.
 * Nothing else may write meanwhile: the app's service worker, whose precache grows Cache Storage by
 * tens of megabytes in the background, is kept out of the fault suite. Raising the quota works at once.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface QuotaControl {
  /** Bytes the origin uses now. */
  usage(): Promise<number>;
  /**
   * Leaves the page, limits the origin to its usage plus `headroom` bytes, and reopens `url`.
   * Resolves to IndexedDB's usage at that moment: the most that LevelDB can give back later.
   */
  limit(headroom: number, url: string): Promise<{ indexedDB: number }>;
  /** The browser's own quota again. */
  reset(): Promise<void>;
}

/** Writes `bytes` random bytes into a probe database; true when the browser refused for quota. */
function probeRefused(page: Page, bytes: number): Promise<boolean> {
  return page.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open('robustness-quota-probe', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('probe');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(data.subarray(i, Math.min(n, i + 65_536)));
    const refused = await new Promise<boolean>((ok) => {
      const tx = db.transaction('probe', 'readwrite');
      tx.objectStore('probe').put(data.buffer, 'probe');
      tx.oncomplete = () => ok(false);
      tx.onabort = () => ok(tx.error?.name === 'QuotaExceededError');
    });
    db.close();
    await new Promise<void>((ok) => {
      const r = indexedDB.deleteDatabase('robustness-quota-probe');
      r.onsuccess = r.onerror = () => ok();
    });
    return refused;
  }, bytes);
}

interface Usage {
  usage: number;
  usageBreakdown: { storageType: string; usage: number }[];
}

export async function quotaControl(page: Page, origin: string): Promise<QuotaControl> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const o = new URL(origin).origin;
  const measure = async () => (await session.send('Storage.getUsageAndQuota', { origin: o })) as Usage;
  /** The usage once it has not changed for `quietMs` (longer than the backing store's 2 s grace period), at most 30 s. */
  const settled = async (quietMs: number) => {
    const start = Date.now();
    let last = await measure();
    let since = Date.now();
    while (Date.now() - since < quietMs && Date.now() - start < 30_000) {
      await page.waitForTimeout(250);
      const now = await measure();
      if (now.usage !== last.usage) since = Date.now();
      last = now;
    }
    return { used: last.usage, indexedDB: last.usageBreakdown.find((b) => b.storageType === 'indexeddb')?.usage ?? 0 };
  };
  return {
    usage: async () => (await measure()).usage,
    async limit(headroom, url) {
      for (let attempt = 1; ; attempt++) {
        await page.goto('about:blank');
        const { used, indexedDB } = await settled(3_000 * attempt);
        await session.send('Storage.overrideQuotaForOrigin', { origin: o, quotaSize: used + headroom });
        await page.goto(url);
        // Larger than any room the limit can leave (see above): refused unless the old grant is still used.
        if (await probeRefused(page, headroom + indexedDB + 65_536)) return { indexedDB };
        if (attempt === 3) throw new Error('the lowered quota did not take effect');
      }
    },
    async reset() {
      await session.send('Storage.overrideQuotaForOrigin', { origin: o });
    },
  };
}
