/**
 * Floating-point operations of a BERT-style encoder, counted from its config (one multiply-add
 * = 2 FLOPs), the way model-FLOPs utilisation is usually counted (Kaplan et al. 2020,
 * arXiv:2001.08361, §2.1): per token, twice the non-embedding weights, plus the attention terms
 * that grow with the sequence.
 */

export interface EncoderShape {
  hidden: number;
  layers: number;
  /** Feed-forward inner size (BERT: 4 × hidden). */
  intermediate: number;
}

function positiveInt(config: Record<string, unknown>, key: string, fallback?: number): number {
  const v = config[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`config.${key} must be a positive integer, got ${String(config[key])}`);
  return v;
}

/** The sizes that matter for FLOPs, from a Hugging Face BERT `config.json`. */
export function encoderShape(config: Record<string, unknown>): EncoderShape {
  const hidden = positiveInt(config, 'hidden_size');
  return {
    hidden,
    layers: positiveInt(config, 'num_hidden_layers'),
    intermediate: positiveInt(config, 'intermediate_size', 4 * hidden),
  };
}

/** Weights of the encoder layers (Q, K, V, output projections and the two feed-forward matrices). */
export function nonEmbeddingWeights({ hidden: h, layers, intermediate: i }: EncoderShape): number {
  return layers * (4 * h * h + 2 * h * i);
}

/**
 * FLOPs per token of a forward pass over a sequence of `seq` tokens: 2 × non-embedding weights
 * (the matrix products) + per layer 4 · seq · hidden (scores QKᵀ and the weighted sum of V).
 * Biases, layer norms, softmax and GELU are left out (under 1 % here).
 * @example
 * encoderFlopsPerToken({ hidden: 256, layers: 4, intermediate: 1024 }, 100); // 6_701_056
 */
export function encoderFlopsPerToken(shape: EncoderShape, seq: number): number {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`seq must be a positive integer, got ${seq}`);
  return 2 * nonEmbeddingWeights(shape) + shape.layers * 4 * seq * shape.hidden;
}

/** FLOPs of encoding each text once, without padding: Σ len · flopsPerToken(len). */
export function encoderFlops(shape: EncoderShape, lengths: readonly number[]): number {
  return lengths.reduce((sum, len) => sum + len * encoderFlopsPerToken(shape, len), 0);
}

/** FLOPs of an (m × k) · (k × n) matrix product. */
export function matmulFlops(m: number, k: number, n: number): number {
  return 2 * m * k * n;
}
