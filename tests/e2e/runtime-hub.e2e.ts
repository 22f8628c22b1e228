import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, waitForServiceWorker, type Browser } from './harness';
import { expectOnlyLoopback, open } from './helpers';
import { TINY_BERT } from './runtime-helpers';

const baseUrl = inject('baseUrl');
/** A same-origin stand-in for huggingface.co (`/<id>/resolve/main/<file>`), answered by Playwright from the fixtures. */
const HUB = `${baseUrl}__hub`;
const HUB_MODELS: Record<string, string> = { 'test-org/tiny-bert': TINY_BERT };

describe('Hugging Face Hub downloads (against a local mimic)', () => {
  const profile = new Profile();
  let browser: Browser;
  const dropOnce = new Set<string>();
  /** Files whose answer waits until the test releases it (a slow download), by path inside the model. */
  const held = new Map<string, { reached: boolean; release: () => void; released: Promise<void> }>();
  const hold = (path: string) => {
    let release!: () => void;
    const released = new Promise<void>((ok) => (release = ok));
    const gate = { reached: false, release, released };
    held.set(path, gate);
    return gate;
  };

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    await browser.context.route(`${HUB}/**`, async (route) => {
      const m = /\/__hub\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(new URL(route.request().url()).pathname);
      const dir = m ? HUB_MODELS[decodeURIComponent(m[1]!)] : undefined;
      const file = dir ? normalize(join(dir, decodeURIComponent(m![2]!))) : '';
      if (dropOnce.delete(m?.[2] ?? '')) return route.abort('connectionreset');
      const gate = held.get(m?.[2] ?? '');
      if (gate) {
        held.delete(m![2]!);
        gate.reached = true;
        await gate.released;
      }
      if (!dir || !file.startsWith(dir) || !existsSync(file)) return route.fulfill({ status: 404, body: 'Entry not found' });
      // the page may have given up on a held request (a cancelled load): then there is nothing to answer
      return route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': 'application/octet-stream', 'access-control-allow-origin': '*' } }).catch(() => undefined);
    });
    await open(browser.page, `${baseUrl}?debug=1`, '#/models');
    await useMimic();
  });

  /** Points the page's runtime at the mimic (`hubBaseUrl` is not persisted: again after every reload). */
  const useMimic = () => browser.page.evaluate((hub) => ((globalThis as any).__llmLab.runtime.settings.hubBaseUrl = hub), HUB);
  afterAll(async () => {
    expectOnlyLoopback(browser);
    await browser.close();
    profile.remove();
  });

  async function download(id: string): Promise<string> {
    const { page } = browser;
    await page.getByLabel('Model id (owner/name)').fill(id);
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const ok = page.locator('.hub [role=status]', { hasText: 'is ready' });
    const bad = page.getByTestId('hub-error');
    await ok.or(bad).first().waitFor({ timeout: 60_000 });
    return (await ok.or(bad).first().textContent()) ?? '';
  }

  const hubRequests = () => browser.requests.filter((r) => r.url.includes('/__hub/')).map((r) => r.url.slice(r.url.indexOf('/__hub/') + 7));

  it('network loss during a download is reported, and nothing is kept', async () => {
    dropOnce.add('onnx/model_quantized.onnx');
    const message = await download('test-org/tiny-bert');
    expect(message).toContain('Could not reach the Hub for onnx/model_quantized.onnx');
    expect(await browser.page.locator('[data-model="hub:test-org/tiny-bert"]').count()).toBe(0);
  });

  it('downloads a Hub model (config, tokenizer, int8 graph), lists it, and loads it from the cache without the network', async () => {
    const { page } = browser;
    const before = hubRequests().length;
    expect(await download('test-org/tiny-bert')).toContain('test-org/tiny-bert is ready');
    expect(hubRequests().slice(before)).toEqual([
      'test-org/tiny-bert/resolve/main/config.json',
      'test-org/tiny-bert/resolve/main/tokenizer.json',
      'test-org/tiny-bert/resolve/main/tokenizer_config.json',
      'test-org/tiny-bert/resolve/main/onnx/model_quantized.onnx',
    ]);
    const card = page.locator('[data-model="hub:test-org/tiny-bert"]');
    await card.waitFor();
    expect(await card.textContent()).toContain('Hugging Face Hub');
    // Offline from here: the app itself comes from the service worker, the model from the models database.
    await waitForServiceWorker(page);
    await browser.context.setOffline(true);
    try {
      await page.reload();
      await page.locator('main h1').waitFor();
      await page.locator('[data-model="hub:test-org/tiny-bert"]').waitFor();
      const afterDownload = hubRequests().length;
      const res = await page.evaluate(async () => {
        const rt = (globalThis as any).__llmLab.runtime;
        const info = await rt.load({ source: 'hub', id: 'test-org/tiny-bert' }, { backend: 'wasm' });
        const out = await rt.run(info.handle, { text: 'offline, from the cache' });
        return { dtype: info.dtype, outputs: Object.keys(out).sort() };
      });
      expect(res).toEqual({ dtype: 'q8', outputs: ['attentions.0', 'attentions.1', 'last_hidden_state'] });
      expect(hubRequests().length).toBe(afterDownload);
    } finally {
      await browser.context.setOffline(false);
      await useMimic();
    }
  }, 300_000);

  it('Cancel on a card stops a load that is downloading another dtype: the card is as before, nothing is cached, the worker keeps going', async () => {
    const { page } = browser;
    const card = page.locator('[data-model="hub:test-org/tiny-bert"]');
    const storedFiles = () =>
      page.evaluate(async () => {
        const req = indexedDB.open('llm-lab-models');
        const db: IDBDatabase = await new Promise((ok) => (req.onsuccess = () => ok(req.result)));
        const rec = await new Promise<{ files: { path: string }[] }>((ok) => (db.transaction('models').objectStore('models').get('hub:test-org/tiny-bert').onsuccess = (e) => ok((e.target as IDBRequest).result)));
        const files = await new Promise<number>((ok) => (db.transaction('files').objectStore('files').count().onsuccess = (e) => ok((e.target as IDBRequest<number>).result)));
        db.close();
        return { listed: rec.files.map((f) => f.path), files };
      });
    const errorsBefore = browser.errors.length;
    const before = await storedFiles();
    expect(before.listed).toEqual(['config.json', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    // fp32 forced: the cached model lacks onnx/model.onnx, so Load downloads it, and the mimic holds it
    const gate = hold('onnx/model.onnx');
    const failed: string[] = [];
    const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) => r.url().endsWith('/onnx/model.onnx') && failed.push(r.failure()?.errorText ?? '');
    browser.context.on('requestfailed', onFailed);
    await page.evaluate(() => ((globalThis as any).__llmLab.runtime.settings.dtype = 'fp32'));
    try {
      await card.getByRole('button', { name: 'Load' }).click();
      await expect.poll(() => gate.reached, { timeout: 60_000 }).toBe(true);
      await card.getByTestId('load-cancel').click();
      // the worker itself gave up the download (its fetch was aborted), not only the page's wait
      await expect.poll(() => failed, { timeout: 30_000 }).toEqual([expect.stringContaining('ABORTED')]);
      await expect.poll(() => card.getByTestId('load-cancel').count()).toBe(0);
      expect(await card.getByRole('button', { name: 'Load' }).isEnabled()).toBe(true);
      expect(await card.getByTestId('model-error').count()).toBe(0);
      expect(await card.getByTestId('session').count()).toBe(0);
      await expect.poll(() => page.evaluate(() => (globalThis as any).__llmLab.runtime.status.worker)).toBe('ready');
    } finally {
      browser.context.off('requestfailed', onFailed);
      gate.release();
      await page.evaluate(() => ((globalThis as any).__llmLab.runtime.settings.dtype = 'auto'));
    }
    expect(await storedFiles()).toEqual(before);
    expect(await card.textContent()).toContain('model: q8');
    // the app goes on: the cached int8 graph loads, in the same worker
    await card.getByRole('button', { name: 'Load' }).click();
    await card.getByTestId('session').waitFor({ timeout: 60_000 });
    expect(await card.getByTestId('session').textContent()).toContain('q8');
    expect(await page.evaluate(() => (globalThis as any).__llmLab.runtime.status.restarts)).toBe(0);
    expect(browser.errors.slice(errorsBefore)).toEqual([]);
  });

  it('an id the Hub does not have gives a clear message; deleting a Hub model removes it', async () => {
    const { page } = browser;
    expect(await download('test-org/no-such-model')).toContain('was not found');
    page.once('dialog', (d) => d.accept());
    await page.locator('[data-model="hub:test-org/tiny-bert"]').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('[data-model="hub:test-org/tiny-bert"]').count()).toBe(0);
    const stored = await page.evaluate(async () => {
      const req = indexedDB.open('llm-lab-models');
      const db: IDBDatabase = await new Promise((ok) => (req.onsuccess = () => ok(req.result)));
      const count = (store: string) => new Promise<number>((ok) => (db.transaction(store).objectStore(store).count().onsuccess = (e) => ok((e.target as IDBRequest<number>).result)));
      return { models: await count('models'), files: await count('files') };
    });
    expect(stored).toEqual({ models: 0, files: 0 });
  });
});
