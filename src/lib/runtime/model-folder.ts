import { formatBytes } from '../ui/progress-stats';
import { probeCapabilities, textFeedable } from './capabilities';
import { RuntimeError } from './errors';
import { isLocalModelName } from './model-ref';
import { checkFileSize, LIMITS, maxInputLength, validateConfig, validateOnnx, validateTokenizer, validateTokenizerConfig } from './model-validation';
import { onnxVariants } from './onnx-variants';
import type { Capabilities } from './types';

/** A file picked from the learner's disk (from a directory picker, a drop, or `<input webkitdirectory>`). */
export interface PickedFile {
  /** Path relative to the picked folder's parent, `/`-separated, e.g. `my-model/onnx/model.onnx`. */
  path: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

export interface ModelFolder {
  /** The folder's name: the local model's name. */
  name: string;
  /** Files the runtime uses, by model-relative path (`onnx/model.onnx`); everything else is left on disk. */
  files: Map<string, PickedFile>;
  /** Files found but not needed (weights for other frameworks, READMEs …). */
  ignored: string[];
}

const KEPT = new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json']);

/**
 * Finds the model in a picked file list: strips the common top folder, skips hidden files, keeps
 * config/tokenizer JSON and ONNX graphs (a `model.onnx` at the top level is read as `onnx/model.onnx`).
 * @example normalizeFolder([{ path: 'm/config.json', … }, { path: 'm/model.onnx', … }]).files.keys() // config.json, onnx/model.onnx
 */
export function normalizeFolder(picked: readonly PickedFile[], fallbackName = 'model'): ModelFolder {
  const split = picked.map((f) => ({ f, parts: f.path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.') }));
  const first = split[0]?.parts[0];
  const shared = first !== undefined && split.every((s) => s.parts.length > 1 && s.parts[0] === first);
  const name = (shared ? first : fallbackName).trim().slice(0, 100) || fallbackName;
  const files = new Map<string, PickedFile>();
  const ignored: string[] = [];
  for (const { f, parts } of split) {
    const rel = shared ? parts.slice(1) : parts;
    const path = rel.join('/');
    if (rel.some((p) => p.startsWith('.') || p === '..')) continue;
    if (KEPT.has(path) || /^onnx\/[^/]+\.onnx$/.test(path)) files.set(path, f);
    else if (/^[^/]+\.onnx$/.test(path) && !files.has(`onnx/${path}`)) files.set(`onnx/${path}`, f);
    else ignored.push(path);
  }
  return { name: isLocalModelName(name) ? name : name.replace(/[\\/\u0000-\u001f]/g, '_'), files, ignored: ignored.sort() };
}

export interface ValidatedFolder {
  name: string;
  files: { path: string; bytes: Uint8Array }[];
  totalBytes: number;
  config: Record<string, unknown>;
  capabilities: Capabilities;
  /** Output names per graph. */
  outputs: Record<string, string[]>;
  maxLength: number;
  ignored: string[];
}

/**
 * Validates a model folder and reads the files the runtime needs. Every problem found is reported
 * (`problems`), each naming its file; the folder is usable only when there are none.
 * Layout and size problems are found before any file is read.
 */
export async function validateModelFolder(folder: ModelFolder): Promise<{ ok: ValidatedFolder | null; problems: RuntimeError[] }> {
  const problems: RuntimeError[] = [];
  const graphs = [...folder.files.keys()].filter((p) => p.endsWith('.onnx')).sort();
  for (const required of ['config.json', 'tokenizer.json']) {
    if (!folder.files.has(required)) problems.push(new RuntimeError('file-missing', { file: required }));
  }
  if (graphs.length === 0) problems.push(new RuntimeError('no-onnx'));
  let total = 0;
  for (const [path, f] of folder.files) {
    total += f.size;
    try {
      checkFileSize(path, f.size);
    } catch (e) {
      problems.push(e as RuntimeError);
    }
  }
  if (total > LIMITS.folderBytes) problems.push(new RuntimeError('folder-too-large', { size: formatBytes(total), max: formatBytes(LIMITS.folderBytes) }));
  if (problems.length > 0) return { ok: null, problems };

  const read = new Map<string, Uint8Array>();
  const attempt = async <T>(path: string, check: (b: Uint8Array) => T): Promise<T | null> => {
    try {
      const bytes = await folder.files.get(path)!.bytes();
      read.set(path, bytes);
      return check(bytes);
    } catch (e) {
      problems.push(e instanceof RuntimeError ? e : new RuntimeError('onnx-corrupt', { file: path, detail: String(e) }));
      return null;
    }
  };
  const config = await attempt('config.json', validateConfig);
  await attempt('tokenizer.json', validateTokenizer);
  const tokConfig = folder.files.has('tokenizer_config.json') ? await attempt('tokenizer_config.json', validateTokenizerConfig) : {};
  const outputs: Record<string, string[]> = {};
  const inputs: Record<string, string[]> = {};
  for (const g of graphs) {
    const summary = await attempt(g, (b) => validateOnnx(g, b));
    if (summary) {
      outputs[g] = summary.outputs.map((o) => o.name);
      inputs[g] = summary.inputs.map((i) => i.name);
    }
  }
  if (problems.length > 0 || !config || !tokConfig) return { ok: null, problems };

  const variants = onnxVariants(graphs);
  const mainGraph = variants.find((v) => v.stem === 'model')?.path ?? graphs[0]!;
  const capabilities = probeCapabilities(config, outputs[mainGraph] ?? [], inputs[mainGraph]);
  if (variants.some((v) => v.stem === 'model_mlm' && outputs[v.path]?.includes('logits') && textFeedable(inputs[v.path] ?? []))) capabilities.fillMask = true;
  const files = [...read.entries()].map(([path, bytes]) => ({ path, bytes }));
  return {
    ok: {
      name: folder.name,
      files,
      totalBytes: files.reduce((s, f) => s + f.bytes.byteLength, 0),
      config,
      capabilities,
      outputs,
      maxLength: maxInputLength(config, tokConfig),
      ignored: folder.ignored,
    },
    problems,
  };
}
