/** The lab's own failures (the runtime's come as `RuntimeError`), each with a message key under `ner.errors`. */
import { isRuntimeError } from '../../lib/runtime/errors';

export type NerErrorCode = 'not-token-classifier' | 'no-labels' | 'tokenizer-unsupported' | 'tokenizer-missing' | 'data-failed' | 'file-too-large' | 'not-scorable' | 'bad-iob';

export class NerError extends Error {
  override name = 'NerError';
  readonly code: NerErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: NerErrorCode, params: Record<string, string | number> = {}, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    this.params = params;
  }
}

/** True for a run the learner cancelled (the runtime's `cancelled`, or an aborted signal). */
export function isCancellation(e: unknown): boolean {
  if (isRuntimeError(e)) return e.kind === 'cancelled';
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** The text to show for any failure, in the UI language. */
export function errorMessage(e: unknown, lang: 'zh' | 'en', t: (key: string, opts?: { values?: Record<string, string | number> }) => string): string {
  if (isRuntimeError(e)) return e.userMessage[lang];
  if (e instanceof NerError) return t(`ner.errors.${e.code}`, { values: e.params });
  if (isCancellation(e)) return t('ner.errors.cancelled');
  return t('ner.errors.unexpected', { values: { detail: e instanceof Error ? e.message : String(e) } });
}
