import en from './i18n.en.json';
import zh from './i18n.zh.json';
import type { Bilingual } from './types';

export type RuntimeErrorKind =
  | 'not-found'
  | 'invalid-model'
  | 'unsupported-op'
  | 'network'
  | 'quota'
  | 'cancelled'
  | 'worker-crashed'
  | 'input'
  | 'internal';

type ErrorCode = keyof typeof en.runtime.errors;

/** Which kind each message belongs to; the message texts live in `i18n.{en,zh}.json` → `runtime.errors`. */
const KIND_OF: Record<ErrorCode, RuntimeErrorKind> = {
  'model-not-found': 'not-found',
  'file-missing': 'invalid-model',
  'no-onnx': 'invalid-model',
  'onnx-file-missing': 'not-found',
  'config-not-json': 'invalid-model',
  'config-absurd': 'invalid-model',
  'tokenizer-absurd': 'invalid-model',
  'config-invalid': 'invalid-model',
  'tokenizer-not-json': 'invalid-model',
  'tokenizer-invalid': 'invalid-model',
  'tokenizer-config-not-json': 'invalid-model',
  'onnx-corrupt': 'invalid-model',
  'onnx-external-data': 'invalid-model',
  'file-too-large': 'invalid-model',
  'folder-too-large': 'invalid-model',
  'unsupported-op': 'unsupported-op',
  'unsupported-inputs': 'unsupported-op',
  'session-failed': 'invalid-model',
  offline: 'network',
  'http-status': 'network',
  'download-dropped': 'network',
  network: 'network',
  quota: 'quota',
  'storage-failed': 'internal',
  cancelled: 'cancelled',
  'worker-crashed': 'worker-crashed',
  'stale-handle': 'worker-crashed',
  'unknown-handle': 'input',
  'bad-ref': 'input',
  'bad-hub-id': 'input',
  'no-mask': 'input',
  'not-fill-mask': 'input',
  'no-hidden-state': 'input',
  'missing-output': 'input',
  'bad-input': 'input',
  'webgpu-unavailable': 'unsupported-op',
  'fused-attention': 'unsupported-op',
  'no-attention': 'invalid-model',
  internal: 'internal',
};

export type RuntimeErrorCode = ErrorCode;
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a missing parameter is left visible rather than silently dropped. */
export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The same error, as it crosses the worker boundary (plain data, structured-clonable). */
export interface SerializedRuntimeError {
  code: RuntimeErrorCode;
  params: MessageParams;
  detail?: string;
}

/**
 * Every failure of the runtime, typed by `kind`, with a learner-friendly message in both languages.
 * `code` names the precise problem (`onnx-corrupt`, `download-dropped` …); `detail` keeps the technical cause.
 * @example
 * throw new RuntimeError('file-missing', { file: 'config.json' });
 */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
  readonly kind: RuntimeErrorKind;
  readonly code: RuntimeErrorCode;
  readonly params: MessageParams;
  readonly userMessage: Bilingual;
  readonly detail?: string;

  constructor(code: RuntimeErrorCode, params: MessageParams = {}, detail?: string) {
    const userMessage = {
      en: fillTemplate(en.runtime.errors[code], params),
      zh: fillTemplate(zh.runtime.errors[code], params),
    };
    super(userMessage.en + (detail && !userMessage.en.includes(detail) ? ` [${detail}]` : ''));
    this.kind = KIND_OF[code];
    this.code = code;
    this.params = params;
    this.userMessage = userMessage;
    if (detail !== undefined) this.detail = detail;
  }

  toJSON(): SerializedRuntimeError {
    return { code: this.code, params: this.params, ...(this.detail === undefined ? {} : { detail: this.detail }) };
  }

  static fromJSON(data: SerializedRuntimeError): RuntimeError {
    return new RuntimeError(data.code, data.params, data.detail);
  }
}

export function isRuntimeError(e: unknown): e is RuntimeError {
  return e instanceof RuntimeError;
}

/** Text of any thrown value, for `detail`. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** An unknown failure becomes `internal`; a RuntimeError passes through unchanged. */
export function asRuntimeError(e: unknown): RuntimeError {
  if (e instanceof RuntimeError) return e;
  if (isQuotaError(e)) return new RuntimeError('quota', { model: '?', size: '?' }, describeError(e));
  return new RuntimeError('internal', { detail: describeError(e) }, describeError(e));
}

/** `QuotaExceededError` from IndexedDB, Cache Storage or OPFS, however the browser wraps it. */
export function isQuotaError(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const name = (e as { name?: unknown }).name;
  if (name === 'QuotaExceededError') return true;
  const inner = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  return inner !== undefined && inner !== e && isQuotaError(inner);
}
