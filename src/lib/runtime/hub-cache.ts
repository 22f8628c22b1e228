import { RuntimeError } from './errors';
import { downloadHubFiles, type HubFileRequest } from './hub-download';
import type { ModelStore, StoredModel } from './model-store';
import { checkFileSize, validateConfig, validateOnnx, validateTokenizer, validateTokenizerConfig } from './model-validation';
import { onnxPath } from './onnx-variants';
import type { DType, ModelRef, Progress } from './types';

export interface EnsureHubOptions {
  ref: ModelRef;
  /** ONNX file stem (`model`). */
  stem: string;
  /** Weights to get, most wanted first; the next one is tried when the Hub has not the first. */
  dtypes: readonly DType[];
  store: ModelStore;
  baseUrl: string;
  online: boolean;
  fetch?: typeof fetch;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

const BASE_FILES: HubFileRequest[] = [
  { path: 'config.json', required: true },
  { path: 'tokenizer.json', required: true },
  { path: 'tokenizer_config.json', required: false },
];

/**
 * Makes sure a Hub model's config, tokenizer and one ONNX graph (of the first dtype in `dtypes`
 * the Hub has) are in the model cache. Downloads only what is missing, validates everything it
 * downloaded, and stores it in one transaction: a failure at any step stores nothing.
 * Offline with something missing: `offline`.
 */
export async function ensureHubModel(o: EnsureHubOptions): Promise<StoredModel> {
  const stored = await o.store.getModel(o.ref);
  const have = new Set(stored?.files.map((f) => f.path) ?? []);
  const graphs = o.dtypes.map((d) => onnxPath(o.stem, d));
  const base = BASE_FILES.filter((f) => f.required && !have.has(f.path));
  const hasGraph = graphs.some((g) => have.has(g));
  if (stored && base.length === 0 && hasGraph) return stored;
  if (!o.online) throw new RuntimeError('offline', { model: o.ref.id });

  const wanted = stored ? base : BASE_FILES;
  const common = { baseUrl: o.baseUrl, id: o.ref.id, fetch: o.fetch, signal: o.signal, onProgress: o.onProgress };
  const downloaded = wanted.length > 0 ? await downloadHubFiles({ ...common, files: wanted }) : [];
  if (!hasGraph) {
    let got = false;
    for (const [i, path] of graphs.entries()) {
      const last = i === graphs.length - 1;
      try {
        downloaded.push(...(await downloadHubFiles({ ...common, files: [{ path, required: true }] })));
        got = true;
        break;
      } catch (e) {
        if (!(e instanceof RuntimeError && e.code === 'model-not-found') || last) {
          if (e instanceof RuntimeError && e.code === 'model-not-found') {
            throw new RuntimeError('onnx-file-missing', { file: graphs.join(' / '), dtype: o.dtypes.join(' / '), available: '—' });
          }
          throw e;
        }
      }
    }
    if (!got) throw new RuntimeError('no-onnx');
  }

  for (const f of downloaded) {
    checkFileSize(f.path, f.bytes.byteLength);
    if (f.path === 'config.json') validateConfig(f.bytes);
    else if (f.path === 'tokenizer.json') validateTokenizer(f.bytes);
    else if (f.path === 'tokenizer_config.json') validateTokenizerConfig(f.bytes);
    else if (f.path.endsWith('.onnx')) validateOnnx(f.path, f.bytes);
  }
  // cancelled after the last byte arrived: store nothing
  if (o.signal?.aborted) throw new RuntimeError('cancelled');
  return o.store.putModel(o.ref, downloaded);
}
