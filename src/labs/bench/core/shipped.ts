/**
 * Which shipped models and weight files the benchmarks can measure, read from the models'
 * manifest (`models/manifest.json`): a dtype is measured only where its ONNX file is shipped.
 */
import type { ModelManifest } from '../../../../vite/model-files';
import type { DType } from '../../../lib/runtime/types';

export const SHIPPED_MODELS = ['mini-bert-zh-en', 'mini-bert-med-ner', 'mini-embed-zh-en'] as const;

const DTYPES: readonly DType[] = ['fp32', 'q8'];

/**
 * The ONNX file of a dtype, as the runtime looks for it.
 * @example
 * dtypeFile('q8'); // 'onnx/model_quantized.onnx'
 */
export function dtypeFile(dtype: DType): string {
  return dtype === 'fp32' ? 'onnx/model.onnx' : 'onnx/model_quantized.onnx';
}

/** The dtypes a shipped model has files for, fp32 first; [] when the model or its files are missing. */
export function shippedDtypes(manifest: ModelManifest | null, id: string): DType[] {
  const files = new Set(manifest?.models.find((m) => m.id === id)?.files.map((f) => f.path) ?? []);
  return DTYPES.filter((d) => files.has(dtypeFile(d)));
}

/** The dtypes the benchmarks measure (fp32 and int8) that `shipped` lacks. */
export function unshippedDtypes(shipped: readonly DType[]): DType[] {
  return DTYPES.filter((d) => !shipped.includes(d));
}

/**
 * The model and dtype to compare WebAssembly and WebGPU on: fp32 (WebGPU runs its own kernels) of
 * `preferred`, else of the first other shipped model that has it; int8 of `preferred` when no model
 * ships fp32; null when `preferred` has no file at all.
 */
export function backendSubject(manifest: ModelManifest | null, preferred: string): { model: string; dtype: DType } | null {
  const order = [preferred, ...SHIPPED_MODELS.filter((id) => id !== preferred)];
  const fp32 = order.find((id) => shippedDtypes(manifest, id).includes('fp32'));
  if (fp32) return { model: fp32, dtype: 'fp32' };
  return shippedDtypes(manifest, preferred).includes('q8') ? { model: preferred, dtype: 'q8' } : null;
}
