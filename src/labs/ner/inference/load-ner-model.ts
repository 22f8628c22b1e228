/**
 * Loads a token-classification model through the runtime, together with what the lab needs
 * beside it: its label scheme, the offset tokenizer built from its `tokenizer.json`, and the
 * window size its maximum length allows.
 */
import type { ModelInfo, ModelRef, LoadOptions, ProgressCallback } from '../../../lib/runtime/types';
import { labelScheme, type LabelScheme } from '../decode/label-scheme';
import { OffsetTokenizer } from '../decode/offset-tokenizer';
import { UnsupportedTokenizerError } from '../decode/tokenizer-spec';
import { NerError } from '../ner-error';
import type { ClassifierModel } from './token-classifier';

export interface LoadedNerModel {
  info: ModelInfo;
  scheme: LabelScheme;
  tokenizer: OffsetTokenizer;
  classifier: ClassifierModel;
}

export interface NerModelDeps {
  load(ref: ModelRef, opts?: LoadOptions, onProgress?: ProgressCallback): Promise<ModelInfo>;
  /** The model's parsed `tokenizer.json`, or null when it has none. */
  readTokenizer(ref: ModelRef): Promise<unknown>;
  /** The model's ONNX files (to offer only the weights it has). */
  inspect?(ref: ModelRef): Promise<{ variants: { stem: string; dtype: string }[] }>;
}

function id2label(info: ModelInfo): Record<string, string> | null {
  const fromCaps = info.capabilities.labels;
  if (fromCaps && Object.keys(fromCaps).length > 0) return fromCaps as Record<string, string>;
  const fromConfig = info.config.id2label;
  return fromConfig && typeof fromConfig === 'object' ? (fromConfig as Record<string, string>) : null;
}

export async function loadNerModel(deps: NerModelDeps, ref: ModelRef, opts: LoadOptions = {}, onProgress?: ProgressCallback): Promise<LoadedNerModel> {
  const [info, tokenizerJson] = await Promise.all([deps.load(ref, opts, onProgress), deps.readTokenizer(ref)]);
  if (!info.capabilities.tokenClassification) throw new NerError('not-token-classifier', { model: ref.id });
  const labels = id2label(info);
  if (!labels) throw new NerError('no-labels', { model: ref.id });
  if (tokenizerJson === null) throw new NerError('tokenizer-missing', { model: ref.id });
  let tokenizer: OffsetTokenizer;
  try {
    tokenizer = OffsetTokenizer.fromJSON(tokenizerJson);
  } catch (e) {
    if (e instanceof UnsupportedTokenizerError) throw new NerError('tokenizer-unsupported', { detail: e.message });
    throw e;
  }
  const scheme = labelScheme(labels);
  return {
    info,
    scheme,
    tokenizer,
    classifier: {
      handle: info.handle,
      scheme,
      clsId: tokenizer.clsId,
      sepId: tokenizer.sepId,
      padId: tokenizer.padId,
      windowSize: Math.max(2, info.maxLength - 2),
    },
  };
}
