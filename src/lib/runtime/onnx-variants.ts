import type { DType } from './types';

/** transformers.js's file suffix per dtype (`onnx/<stem><suffix>.onnx`); only fp32 and q8 are loadable here. */
const SUFFIX: Record<DType, string> = { fp32: '', q8: '_quantized' };
/** Suffixes of other exports we recognise (listed in the model manager, not loadable). */
const OTHER_SUFFIXES = ['_fp16', '_int8', '_uint8', '_q4', '_q4f16', '_bnb4'];

export interface OnnxVariant {
  /** e.g. `onnx/model_quantized.onnx` */
  path: string;
  /** e.g. `model` */
  stem: string;
  /** `fp32`, `q8`, or the raw suffix (`fp16`, `int8` …) of an export we cannot load. */
  dtype: DType | string;
}

export function onnxPath(stem: string, dtype: DType): string {
  return `onnx/${stem}${SUFFIX[dtype]}.onnx`;
}

/** Reads `onnx/<stem><suffix>.onnx` paths into variants; other paths are ignored. */
export function onnxVariants(paths: readonly string[]): OnnxVariant[] {
  const out: OnnxVariant[] = [];
  for (const path of paths) {
    const m = /^onnx\/([^/]+)\.onnx$/.exec(path);
    if (!m) continue;
    const name = m[1]!;
    const other = OTHER_SUFFIXES.find((s) => name.endsWith(s));
    if (name.endsWith(SUFFIX.q8)) out.push({ path, stem: name.slice(0, -SUFFIX.q8.length), dtype: 'q8' });
    else if (other) out.push({ path, stem: name.slice(0, -other.length), dtype: other.slice(1) });
    else out.push({ path, stem: name, dtype: 'fp32' });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Loadable dtypes of one stem, in the order fp32, q8. */
export function loadableDtypes(paths: readonly string[], stem: string): DType[] {
  const have = new Set(onnxVariants(paths).filter((v) => v.stem === stem).map((v) => v.dtype));
  return (['fp32', 'q8'] as const).filter((d) => have.has(d));
}
