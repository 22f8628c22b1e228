import { formatBytes } from '../ui/progress-stats';
import { describeError, RuntimeError } from './errors';
import { OnnxParseError, summarizeOnnx, type OnnxGraphSummary } from './onnx-graph';

/**
 * Checks for the files of a model, wherever they come from (a learner's folder, a Hub download):
 * each throws a RuntimeError naming the file and the problem.
 */

export const LIMITS = {
  /** One ONNX graph: ONNX Runtime Web must hold it in wasm memory (4 GiB) next to its working set. */
  onnxBytes: 1024 * 1024 * 1024,
  /** config.json, tokenizer.json, tokenizer_config.json. */
  jsonBytes: 64 * 1024 * 1024,
  folderBytes: 2 * 1024 * 1024 * 1024,
  vocab: 2_000_000,
  labels: 100_000,
  hidden: 65_536,
  layers: 1_000,
  heads: 1_024,
  positions: 1_048_576,
} as const;

const CONFIG_BOUNDS: [keys: string[], max: number][] = [
  [['vocab_size'], LIMITS.vocab],
  [['hidden_size', 'dim', 'd_model', 'n_embd'], LIMITS.hidden],
  [['intermediate_size', 'hidden_dim'], LIMITS.hidden * 8],
  [['num_hidden_layers', 'n_layers', 'num_layers', 'n_layer'], LIMITS.layers],
  [['num_attention_heads', 'n_heads', 'num_heads', 'n_head'], LIMITS.heads],
  [['max_position_embeddings', 'n_positions'], LIMITS.positions],
  [['num_labels'], LIMITS.labels],
  [['type_vocab_size'], LIMITS.vocab],
];

function parseJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

export function checkFileSize(path: string, size: number): void {
  const max = path.endsWith('.onnx') ? LIMITS.onnxBytes : LIMITS.jsonBytes;
  if (size > max) throw new RuntimeError('file-too-large', { file: path, size: formatBytes(size), max: formatBytes(max) });
}

/** Parses and sanity-checks `config.json`: an object, with sizes a real model could have. */
export function validateConfig(bytes: Uint8Array): Record<string, unknown> {
  let json: unknown;
  try {
    json = parseJson(bytes);
  } catch (e) {
    throw new RuntimeError('config-not-json', { detail: describeError(e) });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new RuntimeError('config-invalid', { detail: 'not a JSON object' });
  }
  const config = json as Record<string, unknown>;
  for (const [keys, max] of CONFIG_BOUNDS) {
    for (const field of keys) {
      const v = config[field];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new RuntimeError('config-invalid', { detail: `${field} must be a non-negative integer, got ${JSON.stringify(v)}` });
      }
      if (v > max) throw new RuntimeError('config-absurd', { field, value: v, max });
    }
  }
  const labels = config.id2label;
  if (labels !== undefined && labels !== null) {
    if (typeof labels !== 'object' || Array.isArray(labels)) throw new RuntimeError('config-invalid', { detail: 'id2label must be an object' });
    const n = Object.keys(labels).length;
    if (n > LIMITS.labels) throw new RuntimeError('config-absurd', { field: 'id2label', value: n, max: LIMITS.labels });
  }
  const hidden = config.hidden_size;
  const heads = config.num_attention_heads;
  if (typeof hidden === 'number' && typeof heads === 'number' && heads > 0 && hidden % heads !== 0) {
    throw new RuntimeError('config-invalid', { detail: `hidden_size ${hidden} is not a multiple of num_attention_heads ${heads}` });
  }
  if (config.architectures !== undefined && !(Array.isArray(config.architectures) && config.architectures.every((a) => typeof a === 'string'))) {
    throw new RuntimeError('config-invalid', { detail: 'architectures must be a list of names' });
  }
  return config;
}

/** Parses `tokenizer.json` and checks it has a tokenizer model with a vocabulary of sane size. */
export function validateTokenizer(bytes: Uint8Array): Record<string, unknown> {
  let json: unknown;
  try {
    json = parseJson(bytes);
  } catch (e) {
    throw new RuntimeError('tokenizer-not-json', { detail: describeError(e) });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new RuntimeError('tokenizer-invalid', { detail: 'not a JSON object' });
  }
  const model = (json as { model?: unknown }).model;
  if (model === null || typeof model !== 'object') throw new RuntimeError('tokenizer-invalid', { detail: 'no "model" section' });
  const vocab = (model as { vocab?: unknown }).vocab;
  if (vocab === null || typeof vocab !== 'object') throw new RuntimeError('tokenizer-invalid', { detail: 'the model has no vocabulary' });
  const size = Array.isArray(vocab) ? vocab.length : Object.keys(vocab).length;
  if (size === 0) throw new RuntimeError('tokenizer-invalid', { detail: 'the vocabulary is empty' });
  if (size > LIMITS.vocab) throw new RuntimeError('tokenizer-absurd', { value: size, max: LIMITS.vocab });
  return json as Record<string, unknown>;
}

/** Parses `tokenizer_config.json` (optional file; absent → `{}`). */
export function validateTokenizerConfig(bytes: Uint8Array | null): Record<string, unknown> {
  if (bytes === null) return {};
  try {
    const json = parseJson(bytes);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('not a JSON object');
    return json as Record<string, unknown>;
  } catch (e) {
    throw new RuntimeError('tokenizer-config-not-json', { detail: describeError(e) });
  }
}

/** Reads an ONNX graph's header; a truncated or corrupt file, or external weights, is refused. */
export function validateOnnx(path: string, bytes: Uint8Array): OnnxGraphSummary {
  let summary: OnnxGraphSummary;
  try {
    summary = summarizeOnnx(bytes);
  } catch (e) {
    if (e instanceof OnnxParseError) throw new RuntimeError('onnx-corrupt', { file: path, detail: e.message });
    throw e;
  }
  if (summary.externalData) throw new RuntimeError('onnx-external-data', { file: path });
  return summary;
}

/** The longest input the model takes: `max_position_embeddings` bounded by the tokenizer's `model_max_length`. */
export function maxInputLength(config: Record<string, unknown>, tokenizerConfig: Record<string, unknown>): number {
  const fromConfig = [config.max_position_embeddings, config.n_positions].find((v) => typeof v === 'number' && v > 0) as number | undefined;
  const fromTok = typeof tokenizerConfig.model_max_length === 'number' && tokenizerConfig.model_max_length > 0 && tokenizerConfig.model_max_length < 1e7
    ? tokenizerConfig.model_max_length
    : undefined;
  const candidates = [fromConfig, fromTok].filter((v): v is number => v !== undefined);
  return candidates.length > 0 ? Math.min(...candidates) : 512;
}
