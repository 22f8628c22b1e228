/**
 * Back-of-the-envelope arithmetic for training large models.
 *
 * - Training compute: C ≈ 6·N·D floating-point operations for N parameters and D tokens
 *   (2 FLOPs per parameter per token forward, about 4 backward; Kaplan et al., 2020).
 * - Wall-clock time: C / (GPUs · peak FLOP/s · utilisation).
 * - Training state with Adam in mixed precision: 16 bytes per parameter (fp16 weights and
 *   gradients, fp32 master weights and two moment estimates; Rajbhandari et al., ZeRO, 2020).
 *
 * @example
 * trainingFlops(175e9, 300e9) // 3.15e23, GPT-3's budget
 */

/** Tokens per parameter at which Hoffmann et al. (2022, "Chinchilla") found training compute-optimal. */
export const CHINCHILLA_TOKENS_PER_PARAM = 20;

/** Bytes per parameter to train with Adam in mixed precision: 2 + 2 + 4 + 4 + 4. */
export const ADAM_MIXED_PRECISION_BYTES = 16;

function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`invalid ${name}: ${value} (expected a positive number)`);
}

/** Floating-point operations to train `params` parameters on `tokens` tokens: 6·N·D. */
export function trainingFlops(params: number, tokens: number): number {
  checkPositive('params', params);
  checkPositive('tokens', tokens);
  return 6 * params * tokens;
}

export interface Cluster {
  gpus: number;
  /** Peak dense throughput of one GPU in FLOP/s at the training precision. */
  peakFlops: number;
  /** Model FLOPs utilisation: the fraction of peak actually achieved, in (0, 1]. */
  utilisation: number;
}

/** Seconds of wall-clock time to perform `flops` on `cluster`. */
export function trainingSeconds(flops: number, { gpus, peakFlops, utilisation }: Cluster): number {
  checkPositive('flops', flops);
  if (!Number.isInteger(gpus) || gpus < 1) throw new RangeError(`invalid gpus: ${gpus} (expected a positive integer)`);
  checkPositive('peakFlops', peakFlops);
  if (!(utilisation > 0 && utilisation <= 1)) throw new RangeError(`invalid utilisation: ${utilisation} (expected 0 < u ≤ 1)`);
  return flops / (gpus * peakFlops * utilisation);
}

/** Bytes of weights, gradients and Adam state for training `params` parameters in mixed precision. */
export function trainingStateBytes(params: number): number {
  checkPositive('params', params);
  return ADAM_MIXED_PRECISION_BYTES * params;
}

/** The compute-optimal token count for `params` parameters by the Chinchilla rule of thumb. */
export function chinchillaTokens(params: number): number {
  checkPositive('params', params);
  return CHINCHILLA_TOKENS_PER_PARAM * params;
}

export interface GpuSpec {
  id: string;
  name: string;
  /** Dense FP16/BF16 tensor throughput, FLOP/s, from the vendor's data sheet. */
  peakFlops: number;
  memoryBytes: number;
}

/** Data-centre GPUs with their published dense 16-bit tensor peak (no sparsity). */
export const GPUS: readonly GpuSpec[] = [
  { id: 'v100', name: 'V100 (2017)', peakFlops: 125e12, memoryBytes: 32e9 },
  { id: 'a100', name: 'A100 (2020)', peakFlops: 312e12, memoryBytes: 80e9 },
  { id: 'h100', name: 'H100 SXM (2022)', peakFlops: 989e12, memoryBytes: 80e9 },
];

export interface TrainedModel {
  name: string;
  params: number;
  tokens: number;
}

/** Published parameter and training-token counts (dense models only, so 6·N·D applies). */
export const TRAINED_MODELS: readonly TrainedModel[] = [
  { name: 'GPT-3', params: 175e9, tokens: 300e9 },
  { name: 'Gopher', params: 280e9, tokens: 300e9 },
  { name: 'Chinchilla', params: 70e9, tokens: 1.4e12 },
  { name: 'LLaMA-7B', params: 6.7e9, tokens: 1e12 },
  { name: 'LLaMA-65B', params: 65.2e9, tokens: 1.4e12 },
  { name: 'Llama 2 70B', params: 70e9, tokens: 2e12 },
  { name: 'Llama 3 8B', params: 8e9, tokens: 15e12 },
  { name: 'Qwen2.5-7B', params: 7.6e9, tokens: 18e12 },
];

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `3.15 × 10²³`: a positive number in scientific notation with `digits` significant digits. */
export function formatScientific(value: number, digits = 3): string {
  checkPositive('value', value);
  const exponent = Math.floor(Math.log10(value));
  const mantissa = Number((value / 10 ** exponent).toPrecision(digits));
  // rounding can carry the mantissa to 10 (9.999 → 10.0)
  const [m, e] = mantissa >= 10 ? [mantissa / 10, exponent + 1] : [mantissa, exponent];
  const sup = String(Math.abs(e)).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);
  return `${m} × 10${e < 0 ? '⁻' : ''}${sup}`;
}

/** A count in the style each language uses for model sizes: `175B` / `1750 亿`, `1.4T` / `1.4 万亿`. */
export function formatCount(value: number, lang: 'zh' | 'en'): string {
  checkPositive('value', value);
  const units: [number, string][] =
    lang === 'zh'
      ? [[1e12, ' 万亿'], [1e8, ' 亿'], [1e4, ' 万']]
      : [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, suffix] of units) {
    if (value >= size) return `${Number((value / size).toPrecision(3))}${suffix}`;
  }
  return String(Number(value.toPrecision(3)));
}

/** Bytes in decimal units, three significant digits: `112 GB`, `2.8 TB`. */
export function formatBytes(bytes: number): string {
  checkPositive('bytes', bytes);
  const units: [number, string][] = [[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  for (const [size, unit] of units) if (bytes >= size) return `${Number((bytes / size).toPrecision(3))} ${unit}`;
  return `${Number(bytes.toPrecision(3))} B`;
}
