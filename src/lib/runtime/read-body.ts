import { formatBytes } from '../ui/progress-stats';
import { describeError, RuntimeError } from './errors';
import { ProgressMeter } from './progress-meter';
import type { Progress } from './types';

export interface ReadBodyOptions {
  file: string;
  /** `download` for the Hub, `read` for the app's own files. */
  stage: string;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  now?: () => number;
}

/**
 * Reads a response body, reporting bytes as they arrive (done/total, rate, ETA). A body that
 * breaks off, or ends short of its Content-Length, is `download-dropped`; an abort is `cancelled`.
 */
export async function readBody(res: Response, opts: ReadBodyOptions): Promise<Uint8Array> {
  const header = res.headers.get('content-length');
  const expected = header !== null && /^\d+$/.test(header) && !res.headers.get('content-encoding') ? Number(header) : null;
  const emit = (p: Progress) => opts.onProgress?.(p);
  const meter = new ProgressMeter(expected ?? 0, { stage: opts.stage, file: opts.file }, emit, opts.now);
  const chunks: Uint8Array[] = [];
  let received = 0;
  const dropped = (detail?: string) =>
    new RuntimeError('download-dropped', { file: opts.file, received: formatBytes(received), expected: expected === null ? '?' : formatBytes(expected) }, detail);
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
    if (opts.signal?.aborted) throw new RuntimeError('cancelled');
    throw dropped(describeError(e));
  }
  if (expected !== null && received !== expected) throw dropped(`got ${received} of ${expected} bytes`);
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  new ProgressMeter(received, { stage: opts.stage, file: opts.file }, emit, opts.now).update(received, { bytes: received });
  return out;
}
