/**
 * Helpers for the runtime e2e tests: drive `globalThis.__llmLab.runtime` (exposed with `?debug=1`)
 * and compare tensors with the model factory's reference outputs.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { passThroughGraph } from '../../src/lib/runtime/test-support/onnx-writer';
import { ROOT } from './harness';

export const FIXTURES = join(ROOT, 'tests/fixtures/models');
export const TINY_BERT = join(FIXTURES, 'tiny-bert');

export interface Ref {
  source: 'shipped' | 'hub' | 'local';
  id: string;
}

export interface PageTensor {
  dims: number[];
  values: number[];
}

export interface PageRun {
  info: { handle: string; backend: string; dtype: string; threads: number; reason: string; file: string; outputNames: string[] };
  outputs: Record<string, PageTensor>;
}

export interface ReferenceCase {
  text: string;
  text_pair: string | null;
  input_ids: number[];
  expected: { fp32: Record<string, PageTensor & { absmax: number }>; q8?: Record<string, PageTensor & { absmax: number }> };
}

/** Shipped models in the build under test, with their files. */
export async function shippedModels(baseUrl: string): Promise<Map<string, string[]>> {
  const manifest = (await (await fetch(`${baseUrl}models/manifest.json`)).json()) as { models: { id: string; files: { path: string }[] }[] };
  return new Map(manifest.models.map((m) => [m.id, m.files.map((f) => f.path)]));
}

export function readReference(id: string): ReferenceCase[] {
  return (JSON.parse(readFileSync(join(FIXTURES, id, 'reference.json'), 'utf8')) as { cases: ReferenceCase[] }).cases;
}

/** The model the runtime tests use: the shipped mini-bert-zh-en when the build has its fp32 graph, else the tiny-bert fixture imported from disk. */
export async function pickModel(baseUrl: string): Promise<{ ref: Ref; reference: string; shipped: boolean }> {
  const manifest = (await (await fetch(`${baseUrl}models/manifest.json`)).json()) as { models: { id: string; files: { path: string }[] }[] };
  const shipped =
    manifest.models.some((m) => m.id === 'mini-bert-zh-en' && m.files.some((f) => f.path === 'onnx/model.onnx')) &&
    existsSync(join(FIXTURES, 'mini-bert-zh-en/reference.json'));
  if (shipped) {
    console.info('[runtime e2e] using the shipped mini-bert-zh-en');
    return { ref: { source: 'shipped', id: 'mini-bert-zh-en' }, reference: 'mini-bert-zh-en', shipped };
  }
  console.info(`[runtime e2e] the build ships [${manifest.models.map((m) => m.id).join(', ')}], not mini-bert-zh-en's fp32 graph with its reference: the fp32 checks use the tiny-bert fixture, imported as a local folder`);
  return { ref: { source: 'local', id: 'tiny-bert' }, reference: 'tiny-bert', shipped };
}

/** Import a folder from disk through the model manager's `<input webkitdirectory>`; resolves with the message shown. */
export async function importFolder(page: Page, dir: string): Promise<string> {
  await page.getByTestId('folder-input').setInputFiles(dir);
  const done = page.getByTestId('import-done');
  const problems = page.getByTestId('import-problems');
  await done.or(problems).first().waitFor({ timeout: 60_000 });
  return (await done.or(problems).first().textContent()) ?? '';
}

/** Load `ref` with `opts` in the page's runtime and run `text` (and `textPair`) through it. */
export function runInPage(page: Page, ref: Ref, opts: Record<string, string>, text: string, textPair: string | null): Promise<PageRun> {
  return page.evaluate(
    async ({ ref, opts, text, textPair }) => {
      type T = { dims: number[]; data: ArrayLike<number> };
      const rt = (globalThis as unknown as { __llmLab: { runtime: { load: Function; run: Function } } }).__llmLab.runtime;
      const info = await rt.load(ref, opts);
      const out = (await rt.run(info.handle, textPair ? { text, textPair } : { text })) as Record<string, T>;
      const outputs: Record<string, { dims: number[]; values: number[] }> = {};
      for (const [k, t] of Object.entries(out)) outputs[k] = { dims: [...t.dims], values: Array.from(t.data as ArrayLike<number>).slice(0, 4096) };
      const { handle, backend, dtype, threads, reason, file, outputNames } = info;
      return { info: { handle, backend, dtype, threads, reason, file, outputNames }, outputs };
    },
    { ref, opts, text, textPair },
  );
}

export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** A copy of the tiny-bert fixture with its fp32 graph cut in half: a corrupt model folder named `tiny-bert`. */
export function corruptCopyOfTinyBert(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'llm-lab-corrupt-'));
  const dir = join(root, 'tiny-bert');
  cpSync(TINY_BERT, dir, { recursive: true });
  rmSync(join(dir, 'onnx/model_quantized.onnx'));
  const graph = join(dir, 'onnx/model.onnx');
  truncateSync(graph, Math.floor(statSync(graph).size / 2));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A copy of the tiny-bert fixture whose only graph takes `pixel_values` (as an image encoder does), named `image-encoder`. */
export function imageEncoderFolder(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'llm-lab-image-'));
  const dir = join(root, 'image-encoder');
  cpSync(TINY_BERT, dir, { recursive: true });
  rmSync(join(dir, 'onnx/model_quantized.onnx'));
  writeFileSync(join(dir, 'onnx/model.onnx'), passThroughGraph([{ name: 'pixel_values', elemType: 1, shape: ['batch', 3, 8, 8] }], ['last_hidden_state']));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
