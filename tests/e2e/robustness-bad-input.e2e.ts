/**
 * Bad files and awkward text through the app's own screens (the cases of tests/BAD-INPUT.md that
 * need a browser): every refusal names the file and the problem, and changes nothing; odd text is
 * kept exactly and shown as typed.
 */
import { closeSync, openSync, readFileSync, ftruncateSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../src/progress/export-format';
import { MAX_FILE_BYTES } from '../../src/labs/vector-search/ingest/read-source-file';
import { encodeCollectionFile } from '../../src/labs/vector-search/store/collection-file';
import { testChunks, testRecord, testVectors } from '../../src/labs/vector-search/store/test-records';
import { launch, Profile, ROOT, type Browser } from './harness';
import { exportProgress, open } from './helpers';
import { serveFixtureModels } from '../robustness/fixture-models';
import { AWKWARD_TEXTS, megabyteText } from '../robustness/payloads';
import { progressExport, TempFiles } from '../robustness/progress-files';

const baseUrl = inject('baseUrl');
const TINY_BERT = join(ROOT, 'tests/fixtures/models/tiny-bert');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
/** "注意力机制让模型关注重要的词。第二句话在这里。" in GBK, as an old Windows editor saves it. */
const GBK_TEXT = Buffer.from('d7a2d2e2c1a6bbfad6c6c8c3c4a3d0cdb9d8d7a2d6d8d2aab5c4b4caa1a3b5dab6febee4bbb0d4dad5e2c0efa1a3', 'hex');

/** A file of `size` bytes that takes no disk space (a hole), for the size caps. */
function sparseFile(path: string, size: number): string {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

async function importError(page: Page, file: string): Promise<string> {
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-error').waitFor();
  return (await page.getByTestId('import-error').textContent()) ?? '';
}


/**
 * Confirms the chosen import and waits for its "Progress imported." toast. A toast lives 4 s, so on a fast machine an
 * earlier test's toast can still be up: wait until none is shown first, then expect exactly the new one.
 */
async function confirmImport(page: Page): Promise<void> {
  const done = page.getByText('Progress imported.');
  await expect.poll(() => done.count(), { timeout: 10_000 }).toBe(0);
  await page.getByTestId('import-confirm').click();
  await done.waitFor();
}

describe('robustness: bad files and awkward text', () => {
  const profile = new Profile();
  const files = new TempFiles();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch(profile, { locale: 'en-US' });
    page = browser.page;
    await serveFixtureModels(browser.context, baseUrl);
  });
  afterAll(async () => {
    await browser.close();
    profile.remove();
    files.remove();
  });

  it('progress import: empty, binary, non-UTF-8, over-cap, newer-format, truncated and wrong-typed files are refused by name; nothing changes', async () => {
    await open(page, baseUrl, '#/settings');
    const valid = progressExport({ topics: 3, experiments: 2, notesChars: 40, tag: 'bad' });
    await page.getByTestId('import-file').setInputFiles(files.write('valid.json', JSON.stringify(valid)));
    await confirmImport(page);
    const before = await exportProgress(page);
    const text = JSON.stringify(valid);
    const newer = { ...valid, schemaVersion: 99 };
    const wrongType = structuredClone(valid) as unknown as { topics: { timeSpentMs: unknown }[] };
    wrongType.topics[1]!.timeSpentMs = 'a long time';
    const cases: [name: string, content: string | Uint8Array, message: RegExp][] = [
      ['empty.json', '', /The file is empty/],
      ['picture.json', PNG, /binary data/],
      ['gbk.json', Buffer.concat([Buffer.from(text.slice(0, -2)), Buffer.from(',"x":"'), GBK_TEXT, Buffer.from('"}')]), /not UTF-8 text/],
      ['newer.json', JSON.stringify(newer), /newer version of the app \(format 99/],
      ['truncated.json', text.slice(0, Math.floor(text.length * 0.6)), /cut short/],
      ['wrong-type.json', JSON.stringify(wrongType), /faulty field: file\.topics\[1\]\.timeSpentMs: expected an integer, found a string/],
    ];
    for (const [name, content, message] of cases) {
      const shown = await importError(page, files.write(name, content));
      expect(shown, name).toContain(name);
      expect(shown, name).toMatch(message);
      expect(shown, `${name}: one full stop between the reason and "Nothing was changed"`).toMatch(/[^.]\. Nothing was changed\.$/);
      expect(await page.getByTestId('import-confirm').count(), name).toBe(0);
    }
    const huge = await importError(page, sparseFile(join(files.dir, 'huge.json'), MAX_IMPORT_BYTES + 1));
    expect(huge).toMatch(new RegExp(`huge\\.json.*at most ${MAX_IMPORT_BYTES} are read`));
    expect(await exportProgress(page)).toEqual(before);
  });

  it('progress import: unknown extra fields are left out and the rest imports', async () => {
    const data = progressExport({ topics: 2, experiments: 1, tag: 'extra' }) as unknown as Record<string, unknown> & { topics: Record<string, unknown>[] };
    data.futureField = { anything: true };
    data.topics[0]!.mood = 'happy';
    await page.getByTestId('import-file').setInputFiles(files.write('extra.json', JSON.stringify(data)));
    await confirmImport(page);
    const exported = JSON.stringify(await exportProgress(page));
    expect(exported).toContain('topic-extra-0');
    expect(exported).not.toMatch(/futureField|happy/);
  });

  it('model folder import: a corrupt graph, 10⁹ labels, a 2,000,001-token vocabulary and a config in another encoding are refused by name; no model is added', async () => {
    await open(page, baseUrl, '#/models');
    const cards = page.getByTestId('model-card');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const listed = await cards.count();
    const corrupt = files.copy(TINY_BERT, 'corrupt-graph');
    truncateSync(join(corrupt, 'onnx/model_quantized.onnx'), 1_000);
    const absurd = files.copy(TINY_BERT, 'absurd-config');
    files.write('absurd-config/config.json', JSON.stringify({ ...JSON.parse(readFileSync(join(TINY_BERT, 'config.json'), 'utf8')), num_labels: 1_000_000_000 }));
    const vocab = files.copy(TINY_BERT, 'huge-vocab');
    const tokenizer = JSON.parse(readFileSync(join(TINY_BERT, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } };
    tokenizer.model.vocab = Object.fromEntries(Array.from({ length: 2_000_001 }, (_, i) => [`t${i}`, i]));
    writeFileSync(join(vocab, 'tokenizer.json'), JSON.stringify(tokenizer));
    const encoded = files.copy(TINY_BERT, 'gbk-config');
    files.write('gbk-config/config.json', Buffer.concat([Buffer.from('{"architectures": ["'), GBK_TEXT, Buffer.from('"]}')]));
    const cases: [string, RegExp][] = [
      [corrupt, /onnx\/model_quantized\.onnx is not a readable ONNX graph/],
      [absurd, /config\.json does not look like a real model: num_labels = 1000000000/],
      [vocab, /tokenizer\.json does not look like a real tokenizer: its vocabulary has 2000001 entries/],
      [encoded, /config\.json is not valid JSON/],
    ];
    for (const [dir, message] of cases) {
      await page.getByTestId('folder-input').setInputFiles(dir);
      await page.getByTestId('import-problems').waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('import-problems').textContent(), dir).toMatch(message);
      expect(await cards.count(), dir).toBe(listed);
    }
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 180_000);

  it('vector search documents: empty, binary, over-cap, non-UTF-8 (read, with a notice) and a cut-off collection file, each reported by name', async () => {
    await open(page, baseUrl, '#/lab/vector-search');
    await page.locator('[data-testid=vs-lab][data-ready=true]').waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Collections', exact: true }).click();
    const docs = [
      files.write('empty.txt', ''),
      files.write('scan.txt', PNG),
      sparseFile(join(files.dir, 'huge.txt'), MAX_FILE_BYTES + 1),
      files.write('gbk.txt', GBK_TEXT),
    ];
    await page.getByTestId('vs-files').setInputFiles(docs);
    const problems = page.getByTestId('vs-file-problem');
    await expect.poll(() => problems.count(), { timeout: 60_000 }).toBe(3);
    expect(await problems.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['empty', 'binary', 'too-large']);
    expect(await page.locator('[data-testid=vs-file-notice][data-code=encoding]').textContent()).toMatch(/gbk\.txt: not UTF-8 — read as gb18030/);
    expect(await page.getByTestId('vs-chunk-preview').textContent()).toContain('注意力机制让模型关注重要的词');
    const record = testRecord({ embedded: 10 });
    const bytes = new Uint8Array(await encodeCollectionFile(record, testChunks(10), null, testVectors(0, 10)).arrayBuffer());
    await page.getByTestId('vs-import').setInputFiles(files.write('cut.llmvec', bytes.subarray(0, bytes.length - 20)));
    await expect.poll(() => page.locator('[data-testid=vs-problem][data-code=import-invalid]').textContent(), { timeout: 30_000 }).toMatch(/cannot be imported, nothing was changed: expected 160 bytes of vectors, found 140/);
    expect(await page.locator('[data-testid=vs-collection]').count()).toBe(0);
  });

  it('awkward text (emoji, mixed scripts, right-to-left, control characters, markup) is kept exactly through notes, export and import', async () => {
    const notes = Object.values(AWKWARD_TEXTS).join('\n\n');
    await open(page, baseUrl, '#/stage/1/ai-evolution');
    await page.locator('.notes textarea').fill(notes);
    await expect.poll(() => page.getByTestId('notes-status').textContent()).toContain('Saved');
    await page.reload();
    const kept = await page.locator('.notes textarea').inputValue();
    await open(page, baseUrl, '#/settings');
    const exported = await exportProgress(page);
    const topic = (exported.topics as { key: string; notes: string }[]).find((t) => t.key === '1/ai-evolution')!;
    expect(topic.notes).toBe(kept);
    // What the textarea itself changes (CR LF to LF, per HTML) is all that changes.
    expect(kept).toBe(notes.replace(/\r\n/g, '\n'));
    const file = files.write('awkward.json', JSON.stringify({ ...exported, exportedAt: new Date().toISOString() }));
    await page.getByTestId('clear').click();
    await page.getByTestId('clear-confirm').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.locator('input[type=radio][value=replace]').check();
    await confirmImport(page);
    expect(await exportProgress(page)).toEqual(exported);
  });

  it('a 1 MB paste: the notes say they are too long to save; the attention lab keeps what fits and says the input was cut', async () => {
    const big = megabyteText();
    await open(page, baseUrl, '#/stage/1/gpt-history');
    await page.locator('.notes textarea').fill(big);
    await expect.poll(() => page.getByTestId('notes-status').textContent()).toMatch(/Not saved: your notes are 1,0\d\d,\d{3} characters long, and at most 200,000 can be kept/);
    await open(page, baseUrl, '#/lab/attention?model=shipped:tiny-bert');
    await page.getByTestId('text-input').fill(big);
    await page.getByTestId('analyse').click();
    await page.getByTestId('truncated').waitFor({ timeout: 90_000 });
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('emoji, mixed scripts and right-to-left text in the NER lab are tagged and shown exactly as typed', async () => {
    const text = [AWKWARD_TEXTS.emoji, AWKWARD_TEXTS.mixedScripts, AWKWARD_TEXTS.rightToLeft].join(' ');
    await open(page, baseUrl, `#/lab/ner?model=shipped:tiny-bert-ner&text=${encodeURIComponent(text)}`);
    await page.getByTestId('ner-summary').waitFor({ timeout: 90_000 });
    const shown = await page.getByTestId('ner-highlighted').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.tag').forEach((t) => t.remove());
      return copy.textContent ?? '';
    });
    expect(shown).toBe(text);
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
