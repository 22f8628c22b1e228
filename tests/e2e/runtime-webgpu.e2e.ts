import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, Profile, type Browser } from './harness';
import { expectOnlyLoopback, open } from './helpers';
import { importFolder, maxAbsDiff, pickModel, readReference, runInPage, shippedModels, TINY_BERT, type Ref } from './runtime-helpers';

const baseUrl = inject('baseUrl');

describe('inference runtime (WebGPU on a software adapter)', () => {
  const profile = new Profile();
  let browser: Browser;
  let ref: Ref;
  let reference: string;

  beforeAll(async () => {
    // --enable-unsafe-webgpu gives headless Chromium SwiftShader's WebGPU adapter: a fallback adapter.
    browser = await launch(profile, { locale: 'en-US', args: ['--enable-unsafe-webgpu'] });
    let shipped: boolean;
    ({ ref, reference, shipped } = await pickModel(baseUrl));
    await open(browser.page, `${baseUrl}?debug=1`, '#/models');
    if (!shipped) expect(await importFolder(browser.page, TINY_BERT)).toContain('Imported tiny-bert');
  });
  afterAll(async () => {
    expectOnlyLoopback(browser);
    await browser.close();
    profile.remove();
  });

  it('probes a fallback adapter, and `auto` stays on WebAssembly because of it', async () => {
    const probe = await browser.page.evaluate(() => (globalThis as any).__llmLab.runtime.probeBackends());
    expect(probe.webgpu).toMatchObject({ available: true, fallbackAdapter: true });
    expect(probe.webgpu.reason).toContain('swiftshader');
    const c = readReference(reference)[0]!;
    const { info } = await runInPage(browser.page, ref, { backend: 'auto' }, c.text, c.text_pair);
    expect(info.backend).toBe('wasm');
    expect(info.reason).toContain('software fallback');
    await expect.poll(() => browser.page.getByTestId('probe').textContent()).toContain('software fallback adapter');
  }, 120_000);

  it('forced WebGPU runs the model and gives the WebAssembly outputs within 1e-3', async () => {
    for (const c of readReference(reference)) {
      const gpu = await runInPage(browser.page, ref, { backend: 'webgpu', dtype: 'fp32' }, c.text, c.text_pair);
      const cpu = await runInPage(browser.page, ref, { backend: 'wasm', dtype: 'fp32' }, c.text, c.text_pair);
      expect([gpu.info.backend, gpu.info.dtype]).toEqual(['webgpu', 'fp32']);
      expect(gpu.info.reason).toContain('You chose WebGPU');
      expect(Object.keys(gpu.outputs).sort()).toEqual(Object.keys(cpu.outputs).sort());
      for (const name of Object.keys(cpu.outputs)) {
        expect(gpu.outputs[name]!.dims).toEqual(cpu.outputs[name]!.dims);
        const diff = maxAbsDiff(gpu.outputs[name]!.values, cpu.outputs[name]!.values);
        expect(diff, `${c.text} ${name}`).toBeLessThanOrEqual(1e-3);
      }
      const exp = c.expected.fp32.last_hidden_state!;
      expect(maxAbsDiff(gpu.outputs.last_hidden_state!.values.slice(0, exp.values.length), exp.values)).toBeLessThanOrEqual(1e-3);
    }
    expect(browser.errors).toEqual([]);
  }, 240_000);

  // int8: the two backends quantize activations at run time (DynamicQuantizeLinear) with their own kernels; a value
  // on a rounding boundary lands one uint8 step apart and moves every later layer a little, so int8 is compared at
  // the parity test's tolerance (1% of the tensor's largest magnitude, at least 1e-2), not 1e-3 (which fp32 meets above).
  it('the shipped int8 mini-bert-zh-en forced onto WebGPU gives the WebAssembly outputs within 1% of absmax', async (ctx) => {
    if (!(await shippedModels(baseUrl)).get('mini-bert-zh-en')?.includes('onnx/model_quantized.onnx')) return ctx.skip();
    const shipped: Ref = { source: 'shipped', id: 'mini-bert-zh-en' };
    for (const c of readReference('mini-bert-zh-en')) {
      const gpu = await runInPage(browser.page, shipped, { backend: 'webgpu', dtype: 'q8' }, c.text, c.text_pair);
      const cpu = await runInPage(browser.page, shipped, { backend: 'wasm', dtype: 'q8' }, c.text, c.text_pair);
      expect(gpu.info.backend).toBe('webgpu');
      for (const name of Object.keys(cpu.outputs)) {
        const want = cpu.outputs[name]!.values;
        const absmax = want.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        expect(maxAbsDiff(gpu.outputs[name]!.values, want), `${c.text} ${name}`).toBeLessThanOrEqual(1e-2 * Math.max(1, absmax));
      }
    }
  }, 240_000);

  // The NER graph has an LSTM node (its BiLSTM head) that WebGPU does not implement: ONNX Runtime runs that node on the
  // CPU and the rest on WebGPU; the tags must not change.
  it('the shipped int8 NER model (encoder + BiLSTM head) forced onto WebGPU gives the WebAssembly logits and tags', async (ctx) => {
    if (!(await shippedModels(baseUrl)).get('mini-bert-med-ner')?.includes('onnx/model_quantized.onnx')) return ctx.skip();
    const ner: Ref = { source: 'shipped', id: 'mini-bert-med-ner' };
    for (const c of readReference('mini-bert-med-ner')) {
      const gpu = await runInPage(browser.page, ner, { backend: 'webgpu', dtype: 'q8' }, c.text, c.text_pair);
      const cpu = await runInPage(browser.page, ner, { backend: 'wasm', dtype: 'q8' }, c.text, c.text_pair);
      expect(gpu.info.backend).toBe('webgpu');
      const want = cpu.outputs.logits!;
      const got = gpu.outputs.logits!;
      expect(got.dims).toEqual(want.dims);
      const absmax = want.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(maxAbsDiff(got.values, want.values), c.text).toBeLessThanOrEqual(1e-2 * Math.max(1, absmax));
      const labels = want.dims.at(-1)!;
      const argmax = (v: number[]) => Array.from({ length: v.length / labels }, (_, t) => {
        const row = v.slice(t * labels, (t + 1) * labels);
        return row.indexOf(Math.max(...row));
      });
      expect(argmax(got.values), c.text).toEqual(argmax(want.values));
    }
    expect(browser.errors).toEqual([]);
  }, 240_000);

  it('the backend benchmark measures both backends and keeps the history', async () => {
    const { page } = browser;
    const panel = page.getByTestId('bench-panel');
    await panel.getByLabel('Runs').fill('5');
    await panel.getByRole('button', { name: 'Run benchmark' }).click();
    const rows = panel.getByTestId('bench-history').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('WebGPU'), expect.stringContaining('WebAssembly')]);
    expect(await panel.locator('svg rect').count()).toBe(2);
    await page.reload();
    await page.locator('main h1').waitFor();
    await expect.poll(() => page.getByTestId('bench-history').locator('tbody tr').count()).toBe(2);
  }, 180_000);
});
