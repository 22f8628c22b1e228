/**
 * IndexedDB for vector collections, in scratch databases deleted afterwards: the vector lab's own
 * store (`measureIdbLoad` of src/labs/vector-search/perf/perf-suite.ts: `VectorStore.createCollection`,
 * `appendVectors` 8,192 at a time into blocks of 256 vectors, then `loadVectors` into one
 * Float32Array) against one record per vector holding a plain array.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { measureIdbLoad } from '../../vector-search/perf/perf-suite';
import { gaussian, mulberry32 } from '../../vector-search/search/rng';
import { vectorSet } from '../../vector-search/search/vector-set';
import { perSecond, repeat } from '../core/repeat';
import { pick, SuiteRecorder, type Suite } from './context';

const DIM = 256;
const LAB_DB = 'llm-lab-bench-vectors';
const ROWS_DB = 'llm-lab-bench-rows';

type Rows = IDBPDatabase<{ rows: { key: number; value: { i: number; v: number[] } } }>;

/**
 * Bytes the page and its workers hold (`performance.measureUserAgentSpecificMemory`, cross-origin
 * isolated pages only; it waits for a garbage collection, so it is given at most 40 s), or null.
 */
async function measureMemory(): Promise<number | null> {
  const p = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
  if (!globalThis.crossOriginIsolated || typeof p.measureUserAgentSpecificMemory !== 'function') return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 40_000)));
  try {
    const r = await Promise.race([p.measureUserAgentSpecificMemory(), late]);
    return r ? r.bytes : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function vectors(count: number): Float32Array {
  const next = gaussian(mulberry32(7));
  const out = new Float32Array(count * DIM);
  for (let i = 0; i < out.length; i++) out[i] = next();
  return out;
}

async function openRows(): Promise<Rows> {
  await deleteDB(ROWS_DB);
  return openDB(ROWS_DB, 1, { upgrade: (db) => void db.createObjectStore('rows', { keyPath: 'i' }) });
}

async function writeRows(db: Rows, data: Float32Array, count: number): Promise<void> {
  const tx = db.transaction('rows', 'readwrite');
  for (let i = 0; i < count; i++) void tx.store.put({ i, v: Array.from(data.subarray(i * DIM, (i + 1) * DIM)) });
  await tx.done;
}

async function loadRows(db: Rows, count: number): Promise<Float32Array> {
  const out = new Float32Array(count * DIM);
  for (const row of await db.getAll('rows')) out.set(row.v, row.i * DIM);
  return out;
}

export const idbSuite: Suite = {
  id: 'idb',
  async run(ctx) {
    const rec = new SuiteRecorder('idb', ctx.onProgress);
    const count = pick(ctx, 100_000, 5_000);
    const reps = pick(ctx, 3, 1);
    const data = vectors(count);
    const set = vectorSet(data, DIM);
    const n = count.toLocaleString('en-US');
    rec.note(`${n} × ${DIM} float32 vectors (${(data.byteLength / 1e6).toFixed(1)} MB) in scratch databases, deleted afterwards; the lab's write also stores ${n} short chunk records`);
    const params = { vectors: count, dim: DIM };

    const write: number[] = [];
    const load: number[] = [];
    let held: number | null = null;
    try {
      for (let r = 0; r < reps; r++) {
        ctx.signal?.throwIfAborted();
        ctx.onProgress?.(`idb: vector lab store, ${r + 1}/${reps}`);
        await deleteDB(LAB_DB);
        // The first repetition also measures what loading adds to the page's memory (the loaded vectors stay referenced)
        const m = await measureIdbLoad(() => set, LAB_DB, r === 0 && !ctx.quick ? { memory: measureMemory } : {});
        if (m.memoryBefore !== null && m.memoryAfter !== null) held = m.memoryAfter - m.memoryBefore;
        if (m.bytes !== data.byteLength) throw new Error(`the lab store gave back ${m.bytes} bytes of ${data.byteLength}`);
        write.push(m.writeMs);
        load.push(m.loadMs);
      }
    } finally {
      await deleteDB(LAB_DB);
    }

    const db = await openRows();
    let rowWrite: number[];
    let rowLoad: number[];
    try {
      ctx.onProgress?.('idb: one record per vector');
      rowWrite = await repeat(async () => {
        await db.clear('rows');
        const t0 = performance.now();
        await writeRows(db, data, count);
        return performance.now() - t0;
      }, { warmup: 0, reps: 1, signal: ctx.signal });
      rowLoad = await repeat(async () => {
        const back = await loadRows(db, count);
        if (back[back.length - 1] !== data[data.length - 1]) throw new Error('rows read back differ from what was written');
      }, { warmup: 0, reps: 1, signal: ctx.signal });
    } finally {
      db.close();
      await deleteDB(ROWS_DB);
    }

    const rate = (ms: number[]) => ms.map((t) => perSecond(count, t));
    rec.add({ id: 'write/lab', label: `write ${n} vectors: vector lab store (blocks of 256, appends of 8,192)`, unit: 'vectors/s', better: 'higher', role: 'ours', compare: 'write', samples: rate(write), params });
    rec.add({ id: 'write/rows', label: `write ${n} vectors: one record per vector (plain arrays, one transaction)`, unit: 'vectors/s', better: 'higher', role: 'peer', compare: 'write', samples: rate(rowWrite), params });
    rec.add({ id: 'read/lab', label: 'read back: vector lab loadVectors', unit: 'vectors/s', better: 'higher', role: 'ours', compare: 'read', samples: rate(load), params });
    rec.add({ id: 'read/rows', label: 'read back: one record per vector', unit: 'vectors/s', better: 'higher', role: 'peer', compare: 'read', samples: rate(rowLoad), params });
    rec.add({ id: 'load-collection/lab', label: `load a ${n}-vector collection: vector lab loadVectors`, unit: 'ms', better: 'lower', role: 'ours', compare: 'load-collection', samples: load, params });
    if (held !== null) {
      rec.add({ id: 'load-collection/memory', label: `load a ${n}-vector collection: memory it adds to the page ÷ the raw vector bytes (${(data.byteLength / 1e6).toFixed(1)} MB)`, unit: '×', better: 'lower', role: 'info', samples: [held / data.byteLength], params,
        note: 'performance.measureUserAgentSpecificMemory() before and after loadVectors, the loaded vectors still referenced; the page also still holds the source vectors it wrote, which are in both measurements' });
    } else if (!ctx.quick) {
      rec.skip('memory of a loaded collection: performance.measureUserAgentSpecificMemory() is unavailable here (the page is not cross-origin isolated) or gave no answer within 40 s');
    }
    rec.add({ id: 'load-collection/rows', label: `load a ${n}-vector collection: one record per vector`, unit: 'ms', better: 'lower', role: 'peer', compare: 'load-collection', samples: rowLoad, params });
    return rec.result();
  },
};
