/**
 * Browser entry for the fault tests (bundled by tests/robustness/in-page.ts): the app's own
 * database modules, plus seeded test data, as `globalThis.__robust`.
 */
import { openLabDB } from '../../../src/lib/storage/db';
import { migrations, type Migration } from '../../../src/lib/storage/migrations';
import { mulberry32 } from '../../../src/labs/vector-search/search/rng';
import { testChunks, testRecord } from '../../../src/labs/vector-search/store/test-records';
import { openVectorsDB, VectorStore, VectorStoreError } from '../../../src/labs/vector-search/store/vector-db';
import { ModelStore, openModelsDB } from '../../../src/lib/runtime/model-store';

/** Rows `start … start+n-1` of a seeded, incompressible test matrix (so quota is really used). */
function seededVectors(seed: number, start: number, n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const random = mulberry32(seed * 1_000_003 + start + i);
    for (let j = 0; j < dim; j++) out[i * dim + j] = random() * 2 - 1;
  }
  return out;
}

/** True when `vectors` holds rows `0 … rows-1` of the seeded matrix exactly. */
function matchesSeeded(vectors: Float32Array, seed: number, rows: number, dim: number): boolean {
  if (vectors.length !== rows * dim) return false;
  const expected = seededVectors(seed, 0, rows, dim);
  return expected.every((v, i) => v === vectors[i]);
}

/** A migration after the app's last one, as a newer version of the app would ship. */
function futureMigration(): Migration {
  return {
    version: migrations.length + 1,
    description: 'robustness test: a newer app version adds a store',
    upgrade(db) {
      (db as unknown as IDBDatabase).createObjectStore('robustness-future');
    },
  };
}

/** Opens the progress database as the next version of the app would (one more migration). */
function openAsNewerApp() {
  return openLabDB({ migrations: [...migrations, futureMigration()] });
}

const api = {
  VectorStore,
  VectorStoreError,
  openVectorsDB,
  ModelStore,
  openModelsDB,
  openAsNewerApp,
  appDbVersion: migrations.length,
  testRecord,
  testChunks,
  seededVectors,
  matchesSeeded,
};

export type RobustApi = typeof api;

(globalThis as unknown as { __robust: RobustApi }).__robust = api;
