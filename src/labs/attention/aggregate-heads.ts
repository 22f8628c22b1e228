import { headMatrix, type AttentionStack } from './attention-stack';

export type HeadAggregate = 'mean' | 'max';

/**
 * Combines the given heads of one layer into one seq × seq matrix: their element-wise mean
 * (rows still sum to 1) or maximum (shows where any head looks; rows no longer sum to 1).
 * @throws RangeError when `heads` is empty.
 */
export function aggregateHeads(stack: AttentionStack, layer: number, heads: readonly number[], how: HeadAggregate): Float32Array {
  if (heads.length === 0) throw new RangeError('aggregateHeads needs at least one head');
  const out = Float32Array.from(headMatrix(stack, layer, heads[0]!));
  for (const h of heads.slice(1)) {
    const m = headMatrix(stack, layer, h);
    if (how === 'mean') for (let k = 0; k < out.length; k++) out[k]! += m[k]!;
    else for (let k = 0; k < out.length; k++) if (m[k]! > out[k]!) out[k] = m[k]!;
  }
  if (how === 'mean') for (let k = 0; k < out.length; k++) out[k]! /= heads.length;
  return out;
}

/** Every head of `layer`, 0 … heads − 1. */
export function allHeads(stack: AttentionStack): number[] {
  return Array.from({ length: stack.heads }, (_, h) => h);
}
