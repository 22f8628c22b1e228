import { render, screen, within } from '@testing-library/svelte';
import { IDBFactory } from 'fake-indexeddb';
import { flushSync } from 'svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang, setupI18n } from '../lib/i18n';
import Dashboard from './Dashboard.svelte';
import StorageNotices from './StorageNotices.svelte';
import type { ProgressStore } from './progress-store.svelte';
import { newTabContext, storeFor, type Tab } from './store-fixture';

/** jsdom has no layout: report a fixed size for bind:clientWidth. */
class FixedResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target, contentRect: { width: 600, height: 200 } } as unknown as ResizeObserverEntry], this as never);
  }
  unobserve() {}
  disconnect() {}
}

let tab: Tab;
let store: ProgressStore;

beforeAll(() => {
  setupI18n(null);
  setLang('en', null);
});
beforeEach(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  vi.stubGlobal('ResizeObserver', FixedResizeObserver);
  tab = newTabContext();
  store = storeFor(tab);
  await store.ready;
});
afterEach(async () => {
  await store.dispose();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

// Rendering d3 charts in jsdom is slow on a busy 2-core machine; the first render also warms up d3.
describe('Dashboard', { timeout: 20_000 }, () => {
  it('shows an empty path: 0 of 26 done, seven stages, start with the first topic', async () => {
    render(Dashboard, { store });
    expect(await screen.findByTestId('overall-done', {}, { timeout: 5_000 })).toHaveTextContent('0 of 26 topics done');
    expect(screen.getAllByTestId('stage-row')).toHaveLength(7);
    expect(screen.getAllByTestId('stage-row')[0]).toHaveAttribute('href', '#/stage/1');
    const start = screen.getByTestId('continue');
    expect(within(start).getByRole('link', { name: 'Start →' })).toHaveAttribute('href', '#/stage/1/ai-evolution');
    expect(screen.getByTestId('quiz-empty')).toBeInTheDocument();
    expect(screen.getByTestId('experiments-empty')).toBeInTheDocument();
    expect(screen.queryByTestId('not-persistent')).toBeNull();
    expect(await screen.findByTestId('storage-use', {}, { timeout: 5_000 })).toHaveTextContent('Using 2.0 KB of about 1.0 MB.');
  });

  it('follows the store: visits, quiz results and saved experiments appear as they happen', async () => {
    render(Dashboard, { store });
    await screen.findByTestId('overall-done', {}, { timeout: 5_000 });
    store.visit('2/transformer');
    await store.recordQuiz('2/transformer', { at: tab.clock.now, score: 4, total: 4, answers: [] });
    await store.recordQuiz('1/ai-evolution', { at: tab.clock.now + 1, score: 1, total: 3, answers: [] });
    const id = await store.saveExperiment({ labId: 'attention', title: 'The animal', input: { text: 'The animal' }, summary: 'head 3 looks back' });
    flushSync();
    expect(screen.getByTestId('overall-done')).toHaveTextContent('1 of 26 topics done');
    expect(screen.getAllByTestId('stage-row')[1]).toHaveAccessibleName(
      'Stage 2, Core techniques: 1 done, 0 in progress, of 5 topics',
    );
    expect(within(screen.getByTestId('continue')).getByRole('link', { name: 'Continue →' })).toHaveAttribute('href', '#/stage/2/transformer');
    expect(screen.getAllByTestId('quiz-point')).toHaveLength(2);
    expect(screen.getByRole('img', { name: 'Scores of your last 2 quiz attempts, oldest to newest' })).toBeInTheDocument();
    const link = within(screen.getByTestId('experiment')).getByRole('link', { name: 'Open The animal in the lab' });
    expect(link).toHaveAttribute('href', `#/lab/attention?experiment=${id}`);
    expect(screen.getByText('head 3 looks back')).toBeInTheDocument();
  });

  it('warns when progress is kept in memory only', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('indexedDB', undefined);
    const memory = storeFor(newTabContext());
    await memory.ready;
    render(Dashboard, { store: memory });
    expect(await screen.findByTestId('not-persistent', {}, { timeout: 5_000 })).toHaveTextContent('will be lost when it closes');
    expect(screen.getByText('Reason: IndexedDB is not available in this browser.')).toBeInTheDocument();
    await memory.dispose();
  });
});

describe('StorageNotices', { timeout: 20_000 }, () => {
  it('asks for a reload when a newer version of the app opened in another tab', async () => {
    const { openLabDB } = await import('../lib/storage/db');
    const { migrations } = await import('../lib/storage/migrations');
    const reload = vi.fn();
    render(StorageNotices, { store, reload });
    expect(screen.queryByTestId('storage-closed')).toBeNull();
    const newer = await openLabDB({ name: tab.dbName, migrations: [...migrations, { version: 3, description: 'lab', upgrade: () => {} }] });
    expect(await screen.findByTestId('storage-closed', {}, { timeout: 5_000 })).toHaveTextContent('The app was updated in another tab');
    screen.getByRole('button', { name: 'Reload' }).click();
    expect(reload).toHaveBeenCalledOnce();
    newer.close();
  });
});
