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

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    await browser.context.route(`${HUB}/**`, async (route) => {
      const m = /\/__hub\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(new URL(route.request().url()).pathname);
      const dir = m ? HUB_MODELS[decodeURIComponent(m[1]!)] : undefined;
      const file = dir ? normalize(join(dir, decodeURIComponent(m![2]!))) : '';
      if (dropOnce.delete(m?.[2] ?? '')) return route.abort('connectionreset');
      if (!dir || !file.startsWith(dir) || !existsSync(file)) return route.fulfill({ status: 404, body: 'Entry not found' });
      return route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': 'application/octet-stream', 'access-control-allow-origin': '*' } });
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
