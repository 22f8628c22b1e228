import { RuntimeError } from './errors';
import type { ModelRef, ModelSource } from './types';

const SOURCES: readonly ModelSource[] = ['shipped', 'hub', 'local'];
/** Hugging Face ids: `owner/name`, letters, digits, `-`, `_`, `.`; no `..`, at most 96 characters each side. */
const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const SHIPPED_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isHubModelId(id: string): boolean {
  return HUB_ID.test(id) && !id.includes('..');
}

/** Local names are shown to the learner and used as keys: any visible text up to 100 characters, no `/` or `\`. */
export function isLocalModelName(name: string): boolean {
  return name.trim() === name && name.length > 0 && name.length <= 100 && !/[\\/\u0000-\u001f]/.test(name);
}

/** Checks a reference at the edge; throws `RuntimeError('bad-ref' | 'bad-hub-id')`. */
export function checkModelRef(ref: ModelRef): ModelRef {
  if (!ref || !SOURCES.includes(ref.source) || typeof ref.id !== 'string') {
    throw new RuntimeError('bad-ref', { ref: JSON.stringify(ref) });
  }
  if (ref.source === 'hub' && !isHubModelId(ref.id)) throw new RuntimeError('bad-hub-id', { id: ref.id });
  if (ref.source === 'shipped' && !SHIPPED_ID.test(ref.id)) throw new RuntimeError('bad-ref', { ref: formatModelRef(ref) });
  if (ref.source === 'local' && !isLocalModelName(ref.id)) throw new RuntimeError('bad-ref', { ref: formatModelRef(ref) });
  return ref;
}

/**
 * `shipped:mini-bert-zh-en`, `hub:Xenova/bert-base-NER`, `local:my-model` → a checked ModelRef.
 * A bare id is a shipped model; a bare `owner/name` is a Hub model (the form a learner types).
 * @example parseModelRef('hub:Xenova/bert-base-NER') // { source: 'hub', id: 'Xenova/bert-base-NER' }
 */
export function parseModelRef(text: string): ModelRef {
  const s = text.trim();
  const colon = s.indexOf(':');
  if (colon === -1) return checkModelRef(s.includes('/') ? { source: 'hub', id: s } : { source: 'shipped', id: s });
  const source = s.slice(0, colon) as ModelSource;
  if (!SOURCES.includes(source)) throw new RuntimeError('bad-ref', { ref: text });
  return checkModelRef({ source, id: s.slice(colon + 1) });
}

/** The inverse of `parseModelRef`; also the key under which the model manager stores a model. */
export function formatModelRef(ref: ModelRef): string {
  return `${ref.source}:${ref.id}`;
}

export function sameModelRef(a: ModelRef, b: ModelRef): boolean {
  return a.source === b.source && a.id === b.id;
}
