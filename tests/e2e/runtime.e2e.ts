import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, ROOT, type Browser } from './harness';
import { expectOnlyLoopback, open } from './helpers';
import { corruptCopyOfTinyBert, FIXTURES, imageEncoderFolder, importFolder, maxAbsDiff, pickModel, readReference, runInPage, shippedModels, TINY_BERT, type Ref } from './runtime-helpers';

const baseUrl = inject('baseUrl');
const distDir = join(ROOT, inject('distDir'));

/** Every file of the build, relative to its folder. */
function buildFiles(dir = distDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? buildFiles(p) : [relative(distDir, p)];
  });
}

describe('the build ships ONNX Runtime’s WebAssembly once, from the app’s own origin', () => {
  it('ort/ holds the two ORT builds; no other file is a copy of either, and no script that names them embeds a wasm module', () => {
    const files = buildFiles();
    const ort = files.filter((f) => /(^|\/)ort-wasm[^/]*\.(wasm|mjs)$/.test(f)).sort();
    expect(ort).toEqual([
      'ort/ort-wasm-simd-threaded.asyncify.mjs',
      'ort/ort-wasm-simd-threaded.asyncify.wasm',
      'ort/ort-wasm-simd-threaded.mjs',
      'ort/ort-wasm-simd-threaded.wasm',
    ]);
    const digest = (f: string) => createHash('sha256').update(readFileSync(join(distDir, f))).digest('hex');
    for (const wasm of ort.filter((f) => f.endsWith('.wasm'))) {
      const size = statSync(join(distDir, wasm)).size;
      const sameSize = files.filter((f) => f !== wasm && statSync(join(distDir, f)).size === size);
      expect(sameSize.filter((f) => digest(f) === digest(wasm)), wasm).toEqual([]);
    }
    // base64 of a wasm module's magic number "\0asm": a script inlining ORT's binary would carry it
    const scripts = files.filter((f) => f.endsWith('.js') && readFileSync(join(distDir, f), 'utf8').includes('ort-wasm-simd-threaded'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) expect(readFileSync(join(distDir, f), 'utf8').includes('AGFzbQ'), f).toBe(false);
  });
});

describe('inference runtime (WebAssembly)', () => {
  const profile = new Profile();
  let browser: Browser;
  let ref: Ref;
  let reference: string;
  let shipped = new Map<string, string[]>();

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    ({ ref, reference } = await pickModel(baseUrl));
    shipped = await shippedModels(baseUrl);
    await open(browser.page, `${baseUrl}?debug=1`, '#/models');
  });
  afterAll(async () => {
    expectOnlyLoopback(browser);
    expect(browser.requests.filter((r) => /jsdelivr|unpkg|cdn/i.test(r.url))).toEqual([]);
    await browser.close();
    profile.remove();
  });

  it('imports a model folder from disk through the directory input, and the manager lists what it can do', async () => {
    const { page } = browser;
    const message = await importFolder(page, TINY_BERT);
    expect(message).toContain('Imported tiny-bert');
    const card = page.locator('[data-testid=model-card][data-model="local:tiny-bert"]');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('Attention weights');
    expect(await card.textContent()).toContain('Sentence vectors');
    expect(await card.locator('a[href="#/lab/attention?model=local:tiny-bert"]').count()).toBe(1);
    await card.getByRole('button', { name: 'Load' }).click();
    await card.getByTestId('session').waitFor({ timeout: 60_000 });
    expect(await card.getByTestId('session').textContent()).toMatch(/WebAssembly · q8 · onnx\/model_quantized\.onnx/);
  });

  it('offers the Attention lab for a graph without attention outputs whose Softmaxes surgery can expose, not for fused attention', async () => {
    const { page } = browser;
    const cases = [
      { dir: join(FIXTURES, 'tiny-bert-noattn'), key: 'local:tiny-bert-noattn', facts: 'no; the Attention lab adds them by graph surgery (2 attention Softmaxes)', links: ['Attention lab', 'Vector search lab'] },
      { dir: join(ROOT, 'tests/fixtures/attention/fused-bert'), key: 'local:fused-bert', facts: 'no', links: ['Vector search lab'] },
    ];
    for (const c of cases) {
      expect(await importFolder(page, c.dir)).toContain('Imported');
      const card = page.locator(`[data-testid=model-card][data-model="${c.key}"]`);
      await card.getByTestId('facts-attentions').waitFor({ timeout: 60_000 });
      expect((await card.getByTestId('facts-attentions').textContent())?.trim(), c.key).toBe(c.facts);
      expect((await card.locator('a.lab-link').allTextContents()).map((l) => l.trim()), c.key).toEqual(c.links);
      page.once('dialog', (d) => d.accept());
      await card.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => card.count()).toBe(0);
    }
  });

  it('loads a model on WebAssembly and its outputs match the reference within 1e-4 (fp32)', async () => {
    const wasmFetches = () => browser.requests.map((r) => r.url).filter((u) => new URL(u).pathname.endsWith('.wasm'));
    const cases = readReference(reference);
    for (const c of cases) {
      const { info, outputs } = await runInPage(browser.page, ref, { backend: 'wasm', dtype: 'fp32' }, c.text, c.text_pair);
      expect([info.backend, info.dtype]).toEqual(['wasm', 'fp32']);
      expect(info.reason).toContain('You chose WebAssembly');
      for (const [name, exp] of Object.entries(c.expected.fp32)) {
        expect(outputs[name]!.dims, name).toEqual(exp.dims);
        expect(maxAbsDiff(outputs[name]!.values.slice(0, exp.values.length), exp.values), `${c.text} ${name}`).toBeLessThanOrEqual(1e-4);
      }
    }
    // ONNX Runtime's wasm came from the app (/ort/), as transformers.js would otherwise fetch it from a CDN
    expect(wasmFetches()).toContain(`${baseUrl}ort/ort-wasm-simd-threaded.asyncify.wasm`);
    expect(wasmFetches().filter((u) => !u.startsWith(`${baseUrl}ort/`))).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('the shipped models run on WebAssembly: mini-bert-zh-en (int8) matches its reference, fill-mask through model_mlm, mini-embed-zh-en gives unit vectors', async (ctx) => {
    if (!shipped.get('mini-bert-zh-en')?.includes('onnx/model_quantized.onnx')) return ctx.skip();
    for (const c of readReference('mini-bert-zh-en').filter((x) => x.expected.q8)) {
      const { info, outputs } = await runInPage(browser.page, { source: 'shipped', id: 'mini-bert-zh-en' }, { backend: 'wasm', dtype: 'q8' }, c.text, c.text_pair);
      expect([info.backend, info.dtype, info.file]).toEqual(['wasm', 'q8', 'onnx/model_quantized.onnx']);
      for (const [name, exp] of Object.entries(c.expected.q8!)) {
        expect(outputs[name]!.dims, name).toEqual(exp.dims);
        // the parity test's int8 tolerance: 1% of the tensor's largest magnitude
        expect(maxAbsDiff(outputs[name]!.values.slice(0, exp.values.length), exp.values), `${c.text} ${name}`).toBeLessThanOrEqual(1e-2 * Math.max(1, exp.absmax));
      }
    }
    const res = await browser.page.evaluate(async (hasEmbedder) => {
      const rt = (globalThis as any).__llmLab.runtime;
      const mlm = await rt.load({ source: 'shipped', id: 'mini-bert-zh-en' }, { modelFile: 'model_mlm' });
      const top = await rt.fillMask(mlm.handle, 'The capital of France is [MASK].', 5);
      let norms: number[] = [];
      if (hasEmbedder) {
        const emb = await rt.load({ source: 'shipped', id: 'mini-embed-zh-en' });
        const v: Float32Array = await rt.embed(emb.handle, ['大模型通过自注意力机制理解上下文。', 'Large models understand context through self-attention.', 'short'], { batchSize: 2 });
        const d = v.length / 3;
        norms = [0, 1, 2].map((r) => Math.hypot(...v.subarray(r * d, r * d + d)));
        norms.push(d);
      }
      return { top, norms };
    }, shipped.has('mini-embed-zh-en'));
    expect(res.top).toHaveLength(5);
    expect(res.top.every((t: { score: number; sequence: string }, i: number) => t.score > 0 && (i === 0 || t.score <= res.top[i - 1].score) && !t.sequence.includes('[MASK]'))).toBe(true);
    if (res.norms.length > 0) {
      expect(res.norms[3]).toBe(256);
      for (const n of res.norms.slice(0, 3)) expect(n).toBeCloseTo(1, 4);
    }
  });

  it('a corrupt model folder gives its message and changes nothing', async () => {
    const { page } = browser;
    const cards = await page.getByTestId('model-card').count();
    const corrupt = corruptCopyOfTinyBert();
    try {
      const message = await importFolder(page, corrupt.dir);
      expect(message).toContain('onnx/model.onnx is not a readable ONNX graph');
    } finally {
      corrupt.remove();
    }
    expect(await page.getByTestId('model-card').count()).toBe(cards);
    const before = readReference('tiny-bert')[0]!;
    const { outputs } = await runInPage(page, { source: 'local', id: 'tiny-bert' }, { backend: 'wasm', dtype: 'fp32' }, before.text, before.text_pair);
    expect(maxAbsDiff(outputs.last_hidden_state!.values, before.expected.fp32.last_hidden_state!.values)).toBeLessThanOrEqual(1e-4);
  });

  it('a folder whose graph takes pixel_values imports, but its card says why it serves no lab and offers no load', async () => {
    const { page } = browser;
    const image = imageEncoderFolder();
    try {
      expect(await importFolder(page, image.dir)).toContain('Imported image-encoder');
    } finally {
      image.remove();
    }
    const card = page.locator('[data-testid=model-card][data-model="local:image-encoder"]');
    await card.getByTestId('unsupported-inputs').waitFor({ timeout: 60_000 });
    expect(await card.getByTestId('unsupported-inputs').textContent()).toContain('Serves no lab: its graph takes pixel_values');
    expect(await card.getByRole('button', { name: 'Load' }).isDisabled()).toBe(true);
    expect(await card.locator('a.lab-link').count()).toBe(0);
    const err = await page.evaluate(() =>
      (globalThis as any).__llmLab.runtime.load({ source: 'local', id: 'image-encoder' }, { backend: 'wasm' }).then(
        () => null,
        (e: any) => ({ code: e.code, message: e.userMessage.en }),
      ),
    );
    expect(err).toEqual({ code: 'unsupported-inputs', message: expect.stringContaining('onnx/model.onnx takes inputs this runtime cannot build (pixel_values)') });
    page.once('dialog', (d) => d.accept());
    await card.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  it('an aborted embed rejects as cancelled and the worker keeps going', async () => {
    const res = await browser.page.evaluate(async (ref) => {
      const rt = (globalThis as any).__llmLab.runtime;
      const info = await rt.load(ref, { backend: 'wasm' });
      const ac = new AbortController();
      const texts = Array.from({ length: 400 }, (_, i) => `sentence ${i} about attention`);
      const err = await rt.embed(info.handle, texts, { batchSize: 4, signal: ac.signal }, () => ac.abort()).catch((e: any) => e);
      const after = await rt.embed(info.handle, ['still alive'], {});
      return { kind: err?.kind, restarts: rt.status.restarts, width: after.length };
    }, ref);
    expect(res).toEqual({ kind: 'cancelled', restarts: 0, width: res.width });
    expect(res.width).toBeGreaterThan(0);
  });

  it('a long embed runs on the one-thread replica workers, and gives the main worker’s vectors', async () => {
    const res = await browser.page.evaluate(async (ref) => {
      const rt = (globalThis as any).__llmLab.runtime;
      const info = await rt.load(ref, { backend: 'wasm' });
      const texts = Array.from({ length: 90 }, (_, i) => `sentence ${i}: ` + 'attention reads every token. '.repeat(1 + (i % 5)));
      const done: number[] = [];
      const pooled: Float32Array = await rt.embed(info.handle, texts, { batchSize: 8 }, (p: any) => done.push(p.done));
      const single: Float32Array = await rt.embed(info.handle, texts, { batchSize: 8, parallel: false });
      let diff = 0;
      for (let i = 0; i < single.length; i++) diff = Math.max(diff, Math.abs(single[i]! - pooled[i]!));
      const replicas = await Promise.all(rt.embedPool.members().map(async (m: any) => (await m.load(ref, { backend: 'wasm', dtype: info.dtype })).threads));
      return { size: rt.embedPool.size, replicas, length: pooled.length / single.length, diff, last: done.at(-1), steps: done.length, mainThreads: info.threads };
    }, ref);
    expect(res.size).toBe(Math.min(4, availableParallelism())); // one replica per core, up to 4
    expect(res.replicas).toEqual([1, 1]);
    expect(res.length).toBe(1);
    expect(res.diff).toBeLessThan(1e-4);
    expect(res.last).toBe(90);
    expect(res.steps).toBeGreaterThan(1);
  });

  it('kills the worker mid-job: the job fails with worker-crashed, the runtime restarts, and the model loads again', async () => {
    const { page } = browser;
    const res = await page.evaluate(async (ref) => {
      const rt = (globalThis as any).__llmLab.runtime;
      const info = await rt.load(ref, { backend: 'wasm' });
      const texts = Array.from({ length: 3000 }, (_, i) => `sentence number ${i} about attention and transformers`);
      let killed = false;
      const err = await rt
        .embed(info.handle, texts, { batchSize: 4 }, () => {
          if (!killed) {
            killed = true;
            rt.__killWorkerForTest();
          }
        })
        .catch((e: any) => e);
      const stale = await rt.run(info.handle, { text: 'x' }).catch((e: any) => e.code);
      const again = await rt.load(ref, { backend: 'wasm' });
      const out = await rt.run(again.handle, { text: 'back to work' });
      return { kind: err?.kind, restarts: rt.status.restarts, stale, handleChanged: again.handle !== info.handle, outputs: Object.keys(out).sort() };
    }, ref);
    expect(res.kind).toBe('worker-crashed');
    expect(res.restarts).toBe(1);
    expect(res.stale).toBe('stale-handle');
    expect(res.handleChanged).toBe(true);
    expect(res.outputs).toContain('last_hidden_state');
    await expect.poll(() => page.getByTestId('crash-notice').count()).toBe(1);
    expect(await page.getByTestId('worker-status').textContent()).toContain('restarted 1 time');
  });

  it('the vector search lab: the model worker dies mid-embedding, the lab says so with what is saved, and Resume finishes the collection', async (ctx) => {
    if (!shipped.has('mini-embed-zh-en')) return ctx.skip();
    const { page } = browser;
    const dir = mkdtempSync(join(tmpdir(), 'vs-crash-'));
    const notes = join(dir, 'notes.txt');
    // long enough that the run is still going when the worker is killed after the first saved step (64 chunks)
    writeFileSync(notes, Array.from({ length: 600 }, (_, i) => `Note ${i} about topic ${i % 13}: ` + `the model reads this paragraph as one chunk, number ${i}, and it takes a little while. `.repeat(3)).join('\n\n'));
    const row = page.locator('[data-testid=vs-collection][data-name="Crash test"]');
    const embedded = async () => (await row.getByTestId('vs-embedded').textContent()) ?? '';
    try {
      await open(page, `${baseUrl}?debug=1`, '#/lab/vector-search');
      await page.locator('[data-testid=vs-lab][data-ready=true]').waitFor({ timeout: 120_000 });
      await page.getByRole('tab', { name: 'Collections', exact: true }).click();
      await page.getByTestId('vs-model').fill('shipped:mini-embed-zh-en');
      await page.getByTestId('vs-files').setInputFiles(notes);
      await page.getByTestId('vs-chunk-stats').waitFor();
      await page.getByTestId('vs-chunk-mode').selectOption('paragraph');
      await page.getByTestId('vs-name').fill('Crash test');
      await page.getByTestId('vs-create').click();
      await expect.poll(async () => Number((await page.getByTestId('vs-embed-stored').textContent())?.match(/^(\d+)/)?.[1] ?? 0), { timeout: 300_000, interval: 200 }).toBeGreaterThan(0);
      await page.evaluate(() => (globalThis as any).__llmLab.runtime.__killWorkerForTest());
      await page.locator('[data-testid=vs-embed-status][data-outcome=crashed]').waitFor({ timeout: 60_000 });
      const saved = Number((await embedded()).match(/^(\d+) \/ 600 chunks embedded$/)?.[1]);
      expect(saved).toBeGreaterThan(0);
      expect(saved).toBeLessThan(600);
      const notice = page.locator('[data-testid=vs-embed-status] [data-testid=vs-problem]');
      expect(await notice.getAttribute('data-code')).toBe('model-crashed');
      expect(await notice.textContent()).toMatch(
        new RegExp(`^The model worker crashed while embedding “Crash test” \\(.*worker crash requested by a test.*\\) and has been restarted\\. ${saved} of 600 chunks are saved; “Resume embedding” loads the model again and continues from chunk ${saved + 1}\\.$`),
      );
      await row.getByTestId('vs-resume').click();
      await expect.poll(embedded, { timeout: 300_000, interval: 500 }).toBe('600 / 600 chunks embedded');
      await page.locator('[data-testid=vs-embed-status][data-outcome=done]').waitFor({ timeout: 60_000 });
      expect(await notice.count()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);

  it('probes the backends: no WebGPU in this browser, WebAssembly with SIMD and threads (cross-origin isolated)', async () => {
    const probe = await browser.page.evaluate(() => (globalThis as any).__llmLab.runtime.probeBackends());
    expect(probe.webgpu.available).toBe(false);
    expect(probe.wasm.simd).toBe(true);
    expect(probe.wasm.crossOriginIsolated).toBe(true);
    expect(probe.wasm.threads).toBeGreaterThanOrEqual(1);
  });
});
