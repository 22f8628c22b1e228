import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, type Browser } from './harness';

export interface QuizFile {
  questions: { type: 'single' | 'multiple'; correct: number[]; options: unknown[] }[];
}

export function readQuiz(stage: number, slug: string): QuizFile {
  return JSON.parse(readFileSync(join(ROOT, `src/content/stage-${stage}/${slug}.quiz.json`), 'utf8')) as QuizFile;
}

/** Answer a topic's quiz on the page: the correct options, or the first option everywhere when `right` is false. */
export async function answerQuiz(page: Page, quiz: QuizFile, right = true): Promise<void> {
  const fieldsets = page.locator('.quiz fieldset');
  await fieldsets.first().waitFor();
  for (const [i, q] of quiz.questions.entries()) {
    const picks = right ? q.correct : [0];
    for (const o of picks) await fieldsets.nth(i).locator('input').nth(o).check();
  }
  await page.locator('.quiz button[type=submit]').click();
}

/** Go to an in-app route and wait for its main heading. */
export async function open(page: Page, baseUrl: string, hash: string): Promise<void> {
  await page.goto(baseUrl + hash);
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
}

export function expectOnlyLoopback(browser: Browser): void {
  expect(browser.foreignRequests(), 'requests to hosts other than 127.0.0.1').toEqual([]);
}

/** The progress export, parsed, without the export timestamp. */
export async function exportProgress(page: Page): Promise<Record<string, unknown>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const path = await download.path();
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete data.exportedAt;
  return data;
}
