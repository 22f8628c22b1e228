import type { Capabilities } from './types';

const ATTENTION_OUTPUT = /^attentions(\.\d+)?$/;
const HIDDEN_OUTPUTS = ['last_hidden_state', 'token_embeddings'];
/** The graph inputs the runtime builds from text; `input_ids` is the one a graph must have. */
export const FEEDABLE_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
export type FeedableInput = (typeof FEEDABLE_INPUTS)[number];

/**
 * Whether the runtime can feed a graph with these inputs: it needs `input_ids` and builds nothing
 * beyond `attention_mask` and `token_type_ids` (no `pixel_values`, `position_ids`, `past_key_values.*` …).
 * @example textFeedable(['input_ids', 'attention_mask']) // true
 */
export function textFeedable(inputNames: readonly string[]): boolean {
  return inputNames.includes('input_ids') && inputNames.every((n) => (FEEDABLE_INPUTS as readonly string[]).includes(n));
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

function firstInt(config: Record<string, unknown>, keys: string[]): number | undefined {
  for (const k of keys) {
    const v = positiveInt(config[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** `id2label` with integer keys, or undefined when absent or malformed. */
export function readLabels(config: Record<string, unknown>): Record<number, string> | undefined {
  const raw = config.id2label;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const labels: Record<number, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!/^\d+$/.test(k) || typeof v !== 'string') return undefined;
    labels[Number(k)] = v;
  }
  return Object.keys(labels).length > 0 ? labels : undefined;
}

/** HF's placeholder labels (`LABEL_0`, `LABEL_1`) that every config has unless it was fine-tuned. */
function placeholderLabels(labels: Record<number, string> | undefined): boolean {
  return !labels || Object.entries(labels).every(([k, v]) => v === `LABEL_${k}`);
}

/**
 * What a model can do, from its config (`architectures`, `id2label`, sizes) and its graph's input and
 * output names. Token classification needs a `logits` output and a `…ForTokenClassification` architecture
 * (or real, non-placeholder labels without a masked-LM head); fill-mask needs `logits` and a
 * `…ForMaskedLM` architecture; feature extraction needs a hidden-state output. When `inputNames` are
 * given and the runtime cannot feed them (`textFeedable`), the model can do none of these: the tasks are
 * all false and `unsupportedInputs` lists the graph's inputs (the sizes are still read).
 * `attentionSoftmaxes` (when the caller read the graph's nodes) is the number of attention Softmaxes
 * that graph surgery can expose; it is kept only for a graph the runtime can feed.
 * @example probeCapabilities({ architectures: ['BertModel'], hidden_size: 256 }, ['last_hidden_state']).featureExtraction // true
 * @example probeCapabilities({}, ['last_hidden_state'], ['pixel_values']).unsupportedInputs // ['pixel_values']
 */
export function probeCapabilities(
  config: Record<string, unknown>,
  outputNames: readonly string[],
  inputNames?: readonly string[],
  attentionSoftmaxes?: number,
): Capabilities {
  if (inputNames && !textFeedable(inputNames)) {
    return { ...sizesOf(config), featureExtraction: false, fillMask: false, tokenClassification: false, attentions: false, unsupportedInputs: [...inputNames] };
  }
  const archs = Array.isArray(config.architectures) ? config.architectures.filter((a): a is string => typeof a === 'string') : [];
  const labels = readLabels(config);
  const hasLogits = outputNames.includes('logits');
  const maskedLM = archs.some((a) => /ForMaskedLM$/.test(a));
  const tokenArch = archs.some((a) => /ForTokenClassification$/.test(a));
  const tokenClassification = hasLogits && (tokenArch || (!maskedLM && archs.length === 0 && !placeholderLabels(labels)));
  const caps: Capabilities = {
    featureExtraction: outputNames.some((n) => HIDDEN_OUTPUTS.includes(n)),
    fillMask: hasLogits && maskedLM && !tokenClassification,
    tokenClassification,
    attentions: outputNames.some((n) => ATTENTION_OUTPUT.test(n)),
  };
  if (tokenClassification && labels) caps.labels = labels;
  if (attentionSoftmaxes !== undefined) caps.attentionSoftmaxes = attentionSoftmaxes;
  return { ...caps, ...sizesOf(config) };
}

/** Hidden size, layers and heads, under whichever names the config uses. */
function sizesOf(config: Record<string, unknown>): Pick<Capabilities, 'hiddenSize' | 'numLayers' | 'numHeads'> {
  const sizes: Pick<Capabilities, 'hiddenSize' | 'numLayers' | 'numHeads'> = {};
  const hiddenSize = firstInt(config, ['hidden_size', 'dim', 'd_model', 'n_embd']);
  const numLayers = firstInt(config, ['num_hidden_layers', 'n_layers', 'num_layers', 'n_layer']);
  const numHeads = firstInt(config, ['num_attention_heads', 'n_heads', 'num_heads', 'n_head']);
  if (hiddenSize !== undefined) sizes.hiddenSize = hiddenSize;
  if (numLayers !== undefined) sizes.numLayers = numLayers;
  if (numHeads !== undefined) sizes.numHeads = numHeads;
  return sizes;
}

/** Labs whose main task a model serves, for the model manager's "use in lab" links. */
export type ServedLab = 'attention' | 'vector-search' | 'ner';

/**
 * The Attention lab takes a graph that outputs `attentions.*`, or one whose attention Softmaxes it can
 * add as outputs by graph surgery (`attentionSoftmaxes` > 0); not a fused-attention graph, where no
 * Softmax is visible.
 * @example labsFor({ featureExtraction: true, fillMask: false, tokenClassification: false, attentions: false, attentionSoftmaxes: 4 }) // ['attention', 'vector-search']
 */
export function labsFor(caps: Capabilities): ServedLab[] {
  const labs: ServedLab[] = [];
  if (caps.attentions || (caps.attentionSoftmaxes ?? 0) > 0) labs.push('attention');
  if (caps.featureExtraction) labs.push('vector-search');
  if (caps.tokenClassification) labs.push('ner');
  return labs;
}

/** The attention output names in layer order (`attentions.0`, `attentions.1`, … or a single `attentions`). */
export function attentionOutputs(outputNames: readonly string[]): string[] {
  return outputNames
    .filter((n) => ATTENTION_OUTPUT.test(n))
    .sort((a, b) => Number(a.split('.')[1] ?? 0) - Number(b.split('.')[1] ?? 0));
}

/** The output to pool for sentence vectors, or null when the graph has none. */
export function hiddenStateOutput(outputNames: readonly string[]): string | null {
  return HIDDEN_OUTPUTS.find((n) => outputNames.includes(n)) ?? null;
}
