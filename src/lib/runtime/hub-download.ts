import { describeError, RuntimeError } from './errors';
import { readBody } from './read-body';
import type { Progress } from './types';

export const DEFAULT_HUB_BASE_URL = 'https://huggingface.co';

export interface HubFileRequest {
  path: string;
  /** A missing optional file (404) is skipped; a missing required one is an error. */
  required: boolean;
}

export interface HubDownloadOptions {
  /** `https://huggingface.co`, or a local mimic of `/<id>/resolve/main/<file>` in tests. */
  baseUrl: string;
  id: string;
  files: readonly HubFileRequest[];
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  now?: () => number;
}

export interface DownloadedFile {
  path: string;
  bytes: Uint8Array;
}

/** `https://huggingface.co/Xenova/bert-base-NER/resolve/main/onnx/model_quantized.onnx` */
export function hubFileUrl(baseUrl: string, id: string, path: string): string {
  const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${enc(id)}/resolve/main/${enc(path)}`;
}

const cancelled = (signal: AbortSignal | undefined) => signal?.aborted === true;

/**
 * Downloads files of a Hub model one after another, with per-file progress (bytes, rate, ETA).
 * Nothing is stored here: the caller validates, then caches the whole set in one transaction.
 * Errors: `http-status`, `network` (no connection), `download-dropped` (connection lost mid-file or a
 * short body), `cancelled`.
 */
export async function downloadHubFiles(opts: HubDownloadOptions): Promise<DownloadedFile[]> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const out: DownloadedFile[] = [];
  for (const { path, required } of opts.files) {
    if (cancelled(opts.signal)) throw new RuntimeError('cancelled');
    let res: Response;
    try {
      res = await doFetch(hubFileUrl(opts.baseUrl, opts.id, path), { signal: opts.signal, credentials: 'omit', redirect: 'follow' });
    } catch (e) {
      if (cancelled(opts.signal)) throw new RuntimeError('cancelled');
      throw new RuntimeError('network', { file: path, detail: describeError(e) }, describeError(e));
    }
    if (res.status === 404 && !required) {
      await res.body?.cancel();
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new RuntimeError(res.status === 404 || res.status === 401 ? 'model-not-found' : 'http-status', { model: opts.id, file: path, status: res.status });
    }
    out.push({ path, bytes: await readBody(res, { file: path, stage: 'download', signal: opts.signal, onProgress: opts.onProgress, now: opts.now }) });
  }
  return out;
}
