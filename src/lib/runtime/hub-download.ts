import { formatBytes } from '../ui/progress-stats';
import { describeError, RuntimeError } from './errors';
import { ProgressMeter } from './progress-meter';
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

function cancelled(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Reads a response body, reporting bytes as they arrive; a short or broken body is `download-dropped`. */
async function readBody(res: Response, path: string, opts: HubDownloadOptions): Promise<Uint8Array> {
  const header = res.headers.get('content-length');
  const expected = header !== null && /^\d+$/.test(header) && !res.headers.get('content-encoding') ? Number(header) : null;
  const meter = new ProgressMeter(expected ?? 0, { stage: 'download', file: path }, (p) => opts.onProgress?.(p), opts.now);
  const chunks: Uint8Array[] = [];
  let received = 0;
  const dropped = (detail?: string) =>
    new RuntimeError('download-dropped', { file: path, received: formatBytes(received), expected: expected === null ? '?' : formatBytes(expected) }, detail);
  if (!res.body) throw dropped('no body');
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      if (expected !== null && received < expected) meter.update(received, { bytes: received });
    }
  } catch (e) {
    if (cancelled(opts.signal)) throw new RuntimeError('cancelled');
    throw dropped(describeError(e));
  }
  if (expected !== null && received !== expected) throw dropped(`got ${received} of ${expected} bytes`);
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  new ProgressMeter(received, { stage: 'download', file: path }, (p) => opts.onProgress?.(p), opts.now).update(received, { bytes: received });
  return out;
}

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
    out.push({ path, bytes: await readBody(res, path, opts) });
  }
  return out;
}
