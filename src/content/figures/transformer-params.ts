/**
 * Parameter counts of the parts of a standard Transformer (BERT / GPT-2 layout: learned
 * position embeddings, biases on every linear layer, LayerNorm with scale and shift).
 *
 * @example
 * modelParams(PRESETS.bertBase).total // 109,482,240 — what Hugging Face reports for bert-base-uncased
 */
export interface TransformerConfig {
  name: string;
  kind: 'encoder' | 'decoder';
  vocab: number;
  maxPositions: number;
  dModel: number;
  dFF: number;
  heads: number;
  layers: number;
  /** BERT's segment (sentence A / B) embeddings; 0 for none. */
  tokenTypes: number;
}

export interface BlockParams {
  /** W_Q, W_K, W_V and the output projection W_O, each d×d plus a bias. */
  attention: number;
  /** The two-layer feed-forward network d → d_ff → d, with biases. */
  feedForward: number;
  /** Two LayerNorms (one per sublayer), each with a scale and a shift vector. */
  norms: number;
  total: number;
}

export interface ModelParams {
  /** Token, position (and token-type) embeddings, plus the embedding LayerNorm in BERT. */
  embeddings: number;
  block: BlockParams;
  blocks: number;
  /** BERT: the [CLS] pooler (d×d + bias). GPT-2: the final LayerNorm; its LM head reuses the token embeddings. */
  head: number;
  total: number;
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`invalid ${name}: ${value} (expected a non-negative integer)`);
}

export function blockParams(dModel: number, dFF: number): BlockParams {
  checkCount('dModel', dModel);
  checkCount('dFF', dFF);
  const attention = 4 * (dModel * dModel + dModel);
  const feedForward = dModel * dFF + dFF + dFF * dModel + dModel;
  const norms = 2 * 2 * dModel;
  return { attention, feedForward, norms, total: attention + feedForward + norms };
}

export function modelParams(c: TransformerConfig): ModelParams {
  for (const key of ['vocab', 'maxPositions', 'dModel', 'dFF', 'heads', 'layers', 'tokenTypes'] as const) checkCount(key, c[key]);
  if (c.heads === 0 || c.dModel % c.heads !== 0) throw new RangeError(`invalid heads: ${c.heads} must divide dModel ${c.dModel}`);
  const d = c.dModel;
  const embeddings = (c.vocab + c.maxPositions + c.tokenTypes) * d + (c.kind === 'encoder' ? 2 * d : 0);
  const block = blockParams(d, c.dFF);
  const blocks = c.layers * block.total;
  const head = c.kind === 'encoder' ? d * d + d : 2 * d;
  return { embeddings, block, blocks, head, total: embeddings + blocks + head };
}

export const PRESETS = {
  bertBase: { name: 'BERT-base', kind: 'encoder', vocab: 30522, maxPositions: 512, dModel: 768, dFF: 3072, heads: 12, layers: 12, tokenTypes: 2 },
  gpt2Small: { name: 'GPT-2 small', kind: 'decoder', vocab: 50257, maxPositions: 1024, dModel: 768, dFF: 3072, heads: 12, layers: 12, tokenTypes: 0 },
} as const satisfies Record<string, TransformerConfig>;
