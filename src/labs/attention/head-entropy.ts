import { headMatrix, type AttentionStack } from './attention-stack';

export interface HeadEntropy {
  layer: number;
  head: number;
  /** Mean over query rows of −Σ p·log₂ p, in bits. */
  bits: number;
  /** `bits / log₂(seq)`: 0 = every row looks at one token (sharp), 1 = uniform (broad). */
  normalised: number;
}

/** Entropy of one probability row, in bits (0·log 0 = 0). */
export function rowEntropy(row: ArrayLike<number>): number {
  let h = 0;
  for (let j = 0; j < row.length; j++) {
    const p = row[j]!;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

/** Mean row entropy of every head of every layer, layer-major. */
export function headEntropies(stack: AttentionStack): HeadEntropy[] {
  const n = stack.seq;
  const maxBits = n > 1 ? Math.log2(n) : 1;
  const out: HeadEntropy[] = [];
  for (let layer = 0; layer < stack.layers; layer++) {
    for (let head = 0; head < stack.heads; head++) {
      const m = headMatrix(stack, layer, head);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += rowEntropy(m.subarray(i * n, (i + 1) * n));
      const bits = sum / n;
      out.push({ layer, head, bits, normalised: n > 1 ? bits / maxBits : 0 });
    }
  }
  return out;
}
