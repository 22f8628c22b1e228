import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, Profile, type Browser } from './harness';
import { answerQuiz, expectOnlyLoopback, exportProgress, open, readQuiz } from './helpers';

const baseUrl = inject('baseUrl');
const TOPIC = { stage: 3, slug: 'python-basics' };
const TOPIC_HASH = `#/stage/${TOPIC.stage}/${TOPIC.slug}`;

describe('progress survives reloads, relaunches, export and import', () => {
  const profile = new Profile();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(profile);
  });
  afterAll(async () => {
    expectOnlyLoopback(browser);
    await browser.close();
    profile.remove();
  });

  it('a quiz answered in full keeps its score and done status after a reload', async () => {
    const { page } = browser;
    const quiz = readQuiz(TOPIC.stage, TOPIC.slug);
    const n = quiz.questions.length;
    await open(page, baseUrl, TOPIC_HASH);
    await answerQuiz(page, quiz);
    await expect.poll(() => page.getByTestId('quiz-score').textContent()).toContain(`${n} / ${n}`);
    await page.reload();
    await page.getByTestId('best-score').waitFor();
    expect(await page.getByTestId('best-score').textContent()).toContain('100%');
    expect(await page.locator('.status-row .badge').textContent()).toBe('已完成');
  });

  it('a note is still there after closing and relaunching the browser with the same profile', async () => {
    const { page } = browser;
    await open(page, baseUrl, TOPIC_HASH);
    const note = `My note ${Date.now()}: **attention** is all you need`;
    await page.locator('.notes textarea').fill(note);
    await expect.poll(() => page.getByTestId('notes-status').textContent()).toContain('已保存');
    const seen = browser.requests.length;
    await browser.close();
    browser = await launch(profile);
    expect(browser.requests.length).toBe(0);
    expect(seen).toBeGreaterThan(0);
    await open(browser.page, baseUrl, TOPIC_HASH);
    await expect.poll(() => browser.page.locator('.notes textarea').inputValue()).toBe(note);
  });

  it('export → delete everything → import gives back identical data', async () => {
    const { page } = browser;
    await open(page, baseUrl, '#/settings');
    await page.waitForTimeout(1500);
    const before = await exportProgress(page);
    expect((before.topics as unknown[]).length).toBeGreaterThan(0);
    const file = join(mkdtempSync(join(tmpdir(), 'llm-lab-export-')), 'progress.json');
    writeFileSync(file, JSON.stringify({ ...before, exportedAt: new Date().toISOString() }));

    await page.getByTestId('clear').click();
    await page.getByTestId('clear-confirm').click();
    await expect.poll(async () => ((await exportProgress(page)).topics as unknown[]).length).toBe(0);

    await page.getByTestId('import-file').setInputFiles(file);
    await page.locator('input[type=radio][value=replace]').check();
    await page.getByTestId('import-confirm').click();
    await page.getByText('进度已导入。').waitFor();
    expect(await exportProgress(page)).toEqual(before);
  });

  it('a bad import file shows an error and changes nothing', async () => {
    const { page } = browser;
    await open(page, baseUrl, '#/settings');
    const before = await exportProgress(page);
    const dir = mkdtempSync(join(tmpdir(), 'llm-lab-bad-'));
    const bad = [
      ['truncated.json', JSON.stringify(before).slice(0, 40)],
      ['foreign.json', JSON.stringify({ app: 'some-other-app', kind: 'progress', schemaVersion: 1, topics: [], experiments: [] })],
      ['not-json.json', 'hello, world'],
    ];
    for (const [name, text] of bad) {
      const file = join(dir, name!);
      writeFileSync(file, text!);
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-error').waitFor();
      expect(await page.getByTestId('import-error').textContent()).toContain(name);
      expect(await page.getByTestId('import-confirm').count()).toBe(0);
    }
    expect(await exportProgress(page)).toEqual(before);
  });

  it('with two pages open, a change in one appears in the other', async () => {
    const a = browser.page;
    const b = await browser.context.newPage();
    await open(a, baseUrl, TOPIC_HASH);
    await open(b, baseUrl, TOPIC_HASH);
    const note = `Shared across tabs ${Date.now()}`;
    await a.locator('.notes textarea').fill(note);
    await expect.poll(() => b.locator('.notes textarea').inputValue(), { timeout: 10_000 }).toBe(note);

    await open(a, baseUrl, '#/stage/3/prompt-engineering');
    await open(b, baseUrl, '#/stage/3');
    await a.getByRole('button', { name: '标记为已完成' }).click();
    const row = b.locator('.topics li', { hasText: '提示工程' });
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 10_000 }).toBe('已完成');
    await b.close();
  });
});
