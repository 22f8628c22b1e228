import { RuntimeError } from './errors';

/** int64 feeds of one batch, row-major, padded on the right to the longest row. */
export interface BatchFeeds {
  dims: [number, number];
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  /** The mask as numbers, `[batch][seq]`, for pooling. */
  mask: number[][];
}

/**
 * Pads rows of ids (and token types) to the batch's longest row with `padId`, mask 0 on the padding.
 * @example padBatch([[2, 5, 3], [2, 3]], [[0, 0, 0], [0, 0]], 0).attentionMask // [1n, 1n, 1n, 1n, 1n, 0n]
 */
export function padBatch(ids: readonly (readonly number[])[], types: readonly (readonly number[])[] | null, padId: number): BatchFeeds {
  if (ids.length === 0) throw new RuntimeError('bad-input', { detail: 'empty batch' });
  const seq = Math.max(...ids.map((r) => r.length));
  if (seq === 0) throw new RuntimeError('bad-input', { detail: 'empty sequence' });
  const n = ids.length * seq;
  const inputIds = new BigInt64Array(n).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(n);
  const tokenTypeIds = new BigInt64Array(n);
  const mask: number[][] = [];
  ids.forEach((row, b) => {
    const t = types?.[b];
    if (t && t.length !== row.length) throw new RuntimeError('bad-input', { detail: `row ${b}: ${row.length} ids but ${t.length} token types` });
    const m = new Array<number>(seq).fill(0);
    for (let i = 0; i < row.length; i++) {
      inputIds[b * seq + i] = BigInt(row[i]!);
      attentionMask[b * seq + i] = 1n;
      if (t) tokenTypeIds[b * seq + i] = BigInt(t[i]!);
      m[i] = 1;
    }
    mask.push(m);
  });
  return { dims: [ids.length, seq], inputIds, attentionMask, tokenTypeIds, mask };
}

function isIdRow(row: unknown): row is number[] {
  return Array.isArray(row) && row.every((v) => Number.isInteger(v) && v >= 0);
}

/**
 * Checks explicit `{ inputIds, attentionMask, tokenTypeIds? }` inputs (rectangular, integer, 0/1 mask,
 * ids below `vocabSize` when known) and packs them as int64.
 */
export function packIdInputs(
  inputIds: unknown,
  attentionMask: unknown,
  tokenTypeIds: unknown,
  vocabSize: number | null,
): BatchFeeds {
  const bad = (detail: string) => new RuntimeError('bad-input', { detail });
  if (!Array.isArray(inputIds) || inputIds.length === 0) throw bad('inputIds must be a non-empty array of rows');
  const seq = (inputIds[0] as unknown[])?.length ?? 0;
  if (seq === 0) throw bad('inputIds rows must not be empty');
  const rows = (x: unknown, name: string): number[][] => {
    if (!Array.isArray(x) || x.length !== inputIds.length) throw bad(`${name} must have ${inputIds.length} rows`);
    x.forEach((r, i) => {
      if (!isIdRow(r) || r.length !== seq) throw bad(`${name}[${i}] must be ${seq} non-negative integers`);
    });
    return x as number[][];
  };
  const ids = rows(inputIds, 'inputIds');
  const mask = rows(attentionMask, 'attentionMask');
  const types = tokenTypeIds === undefined ? null : rows(tokenTypeIds, 'tokenTypeIds');
  if (mask.some((r) => r.some((v) => v > 1))) throw bad('attentionMask values must be 0 or 1');
  if (vocabSize !== null && ids.some((r) => r.some((v) => v >= vocabSize))) throw bad(`ids must be below the vocabulary size ${vocabSize}`);
  const flat = (m: number[][]) => BigInt64Array.from(m.flat(), (v) => BigInt(v));
  return {
    dims: [ids.length, seq],
    inputIds: flat(ids),
    attentionMask: flat(mask),
    tokenTypeIds: types ? flat(types) : new BigInt64Array(ids.length * seq),
    mask,
  };
}
