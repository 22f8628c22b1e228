// @vitest-environment node
/**
 * Fuzz: the progress import (`validateImportFile`, then `importData` when the file is accepted), fed
 * mutated export files and random bytes. Every case must end in a typed rejection with nothing
 * written, or in an import whose records all read back undamaged.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportErrorCode } from '../../src/progress/export-format';
import type { ProgressStore } from '../../src/progress/progress-store.svelte';
import { newTabContext, storeFor } from '../../src/progress/store-fixture';
import { openStorage } from '../../src/lib/storage/open-storage';
import { assertNoPrototypePollution, fuzz } from './fuzz-run';
import { copyBytes, fuzzBytes, preview } from './mutate';
import { snapshotDatabases } from './idb-snapshot';

const CODES: readonly ImportErrorCode[] = ['empty', 'too-large', 'binary', 'not-utf8', 'not-json', 'truncated', 'foreign', 'newer-version', 'invalid-field', 'duplicate'];

let store: ProgressStore;
let dbName: string;

beforeAll(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  const tab = newTabContext();
  dbName = tab.dbName;
  store = storeFor(tab, { channel: null });
  await store.ready;
  const answers = [[0], [1, 2], [3]];
  for (const [i, key] of (['1/ai-evolution', '2/transformer', '5/rag'] as const).entries()) {
    store.visit(key);
    await store.recordQuiz(key, { at: 1_700_000_000_000 + i, score: i, total: 3, answers });
    await store.saveNotes(key, `# Notes ${i}\n\n注意力 **attention** ${'x'.repeat(i * 40)}`);
  }
  await store.saveExperiment({ labId: 'attention', title: 'Heads of layer 2', input: { text: 'the cat sat', layer: 2 }, summary: '4 heads', output: { entropy: [0.5, 1.25] } });
  await store.flush();
});
afterAll(async () => {
  await store.dispose();
  vi.unstubAllGlobals();
});

describe('fuzz: progress import', () => {
  it('validateImportFile + importData: a typed rejection with nothing written, or a clean import (seeded, bounded)', async () => {
    const seedText = await (await store.exportJSON()).text();
    const seedBytes = new TextEncoder().encode(seedText);
    const seedJson: unknown = JSON.parse(seedText);
    let baseline = await snapshotDatabases();

    const report = await fuzz({
      name: 'progress import',
      seed: 0x5eed_0001,
      maxCases: 1_000,
      maxCpuMs: 20_000,
      maxWallMs: 40_000,
      minCases: 300,
      generate: (random) => ({ ...fuzzBytes(random, seedBytes, seedJson), mode: random() < 0.5 ? ('merge' as const) : ('replace' as const) }),
      describe: (c) => `${c.kind} mutation, ${preview(c.bytes)}`,
      run: async ({ bytes, mode }) => {
        const checked = await store.validateImportFile({ size: bytes.length, arrayBuffer: async () => copyBytes(bytes).buffer as ArrayBuffer });
        assertNoPrototypePollution();
        if (!checked.ok) {
          expect(CODES).toContain(checked.code);
          expect(checked.error.length).toBeGreaterThan(0);
          expect(await snapshotDatabases()).toBe(baseline);
          return checked.code;
        }
        await store.importData(checked.data, mode);
        const opened = await openStorage({ name: dbName });
        const reloaded = await opened.backend.load();
        opened.backend.close();
        expect(reloaded.damaged).toEqual([]);
        baseline = await snapshotDatabases();
        return `accepted (${mode})`;
      },
    });
    expect(Object.keys(report.outcomes).length).toBeGreaterThanOrEqual(3); // the inputs reach more than one path
  }, 180_000);
});
