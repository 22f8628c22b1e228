/**
 * IndexedDB throughput for vector collections, in a scratch database deleted afterwards: vectors
 * written and read in blocks (one record = `BLOCK` vectors in one Float32Array, the layout of the
 * vector lab's collections: `CollectionRecord.blockSize`) against one record per vector holding a
 * plain array, and the time to load a whole 100k × 256 collection into one Float32Array.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { gaussian, mulberry32 } from '../../vector-search/search/rng';
import { perSecond, repeat } from '../core/repeat';
import { pick, SuiteRecorder, type Suite } from './context';

const DIM = 256;
const BLOCK = 1024;
const SCRATCH = 'llm-lab-bench-scratch';

type Scratch = IDBPDatabase<{ blocks: { key: number; value: { i: number; data: Float32Array } }; rows: { key: number; value: { i: number; v: number[] } } }>;

async function openScratch(): Promise<Scratch> {
  await deleteDB(SCRATCH);
  return openDB(SCRATCH, 1, {
    upgrade(db) {
      db.createObjectStore('blocks', { keyPath: 'i' });
      db.createObjectStore('rows', { keyPath: 'i' });
    },
  });
}

function vectors(count: number): Float32Array {
  const next = gaussian(mulberry32(7));
  const out = new Float32Array(count * DIM);
  for (let i = 0; i < out.length; i++) out[i] = next();
  return out;
}

async function writeBlocks(db: Scratch, data: Float32Array): Promise<void> {
  const tx = db.transaction('blocks', 'readwrite');
  const per = BLOCK * DIM;
  for (let b = 0; b * per < data.length; b++) void tx.store.put({ i: b, data: data.slice(b * per, (b + 1) * per) });
  await tx.done;
}

async function loadBlocks(db: Scratch, count: number): Promise<Float32Array> {
  const out = new Float32Array(count * DIM);
  for (const block of await db.getAll('blocks')) out.set(block.data, block.i * BLOCK * DIM);
  return out;
}

async function writeRows(db: Scratch, data: Float32Array, count: number): Promise<void> {
  const tx = db.transaction('rows', 'readwrite');
  for (let i = 0; i < count; i++) void tx.store.put({ i, v: Array.from(data.subarray(i * DIM, (i + 1) * DIM)) });
  await tx.done;
}

async function loadRows(db: Scratch, count: number): Promise<Float32Array> {
  const out = new Float32Array(count * DIM);
  for (const row of await db.getAll('rows')) out.set(row.v, row.i * DIM);
  return out;
}

export const idbSuite: Suite = {
  id: 'idb',
  async run(ctx) {
    const rec = new SuiteRecorder('idb');
    const count = pick(ctx, 100_000, 5_000);
    const reps = pick(ctx, 3, 1);
    const data = vectors(count);
    const mb = (data.byteLength / 1e6).toFixed(1);
    rec.note(`${count.toLocaleString('en-US')} × ${DIM} float32 vectors (${mb} MB) in a scratch database, deleted afterwards; blocks of ${BLOCK} vectors; one transaction per write`);
    const db = await openScratch();
    try {
      const params = { vectors: count, dim: DIM, block: BLOCK };
      ctx.onProgress?.('idb: writing blocks');
      const wb = await repeat(async () => {
        await db.clear('blocks');
        const t0 = performance.now();
        await writeBlocks(db, data);
        return performance.now() - t0;
      }, { warmup: 0, reps, signal: ctx.signal });
      ctx.onProgress?.('idb: reading blocks');
      const rb = await repeat(() => loadBlocks(db, count), { warmup: 1, reps, signal: ctx.signal });
      const back = await loadBlocks(db, count);
      if (back[back.length - 1] !== data[data.length - 1] || back[12345 % back.length] !== data[12345 % data.length]) throw new Error('blocks read back differ from what was written');

      ctx.onProgress?.('idb: one record per vector');
      const wr = await repeat(async () => {
        await db.clear('rows');
        const t0 = performance.now();
        await writeRows(db, data, count);
        return performance.now() - t0;
      }, { warmup: 0, reps: 1, signal: ctx.signal });
      const rr = await repeat(() => loadRows(db, count), { warmup: 0, reps: 1, signal: ctx.signal });

      const rate = (ms: number[]) => ms.map((t) => perSecond(count, t));
      rec.add({ id: 'write/blocks', label: `write ${count.toLocaleString('en-US')} vectors in blocks of ${BLOCK}`, unit: 'vectors/s', better: 'higher', role: 'ours', compare: 'write', samples: rate(wb), params });
      rec.add({ id: 'write/rows', label: 'write one record per vector (plain arrays)', unit: 'vectors/s', better: 'higher', role: 'peer', compare: 'write', samples: rate(wr), params });
      rec.add({ id: 'read/blocks', label: 'read blocks back into one Float32Array', unit: 'vectors/s', better: 'higher', role: 'ours', compare: 'read', samples: rate(rb), params });
      rec.add({ id: 'read/rows', label: 'read one record per vector into one Float32Array', unit: 'vectors/s', better: 'higher', role: 'peer', compare: 'read', samples: rate(rr), params });
      rec.add({ id: 'load-collection/blocks', label: `load a ${count.toLocaleString('en-US')}-vector collection (blocks)`, unit: 'ms', better: 'lower', role: 'ours', compare: 'load-collection', samples: rb, params });
      rec.add({ id: 'load-collection/rows', label: `load a ${count.toLocaleString('en-US')}-vector collection (one record per vector)`, unit: 'ms', better: 'lower', role: 'peer', compare: 'load-collection', samples: rr, params });
    } finally {
      db.close();
      await deleteDB(SCRATCH);
    }
    return rec.result();
  },
};
