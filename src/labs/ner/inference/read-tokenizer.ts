/** A model's `tokenizer.json`, read where the runtime keeps the model (the app's /models/, or the models database). */
import { MODELS_BASE } from '../../../lib/runtime/paths';
import { ModelStore } from '../../../lib/runtime/model-store';
import type { ModelRef } from '../../../lib/runtime/types';
import { NerError } from '../ner-error';

let store: ModelStore | null = null;

export async function readTokenizerJson(ref: ModelRef): Promise<unknown> {
  let text: string;
  if (ref.source === 'shipped') {
    const res = await fetch(`${MODELS_BASE}${encodeURIComponent(ref.id)}/tokenizer.json`);
    if (res.status === 404) return null;
    if (!res.ok) throw new NerError('data-failed', { file: 'tokenizer.json', detail: `HTTP ${res.status}` });
    text = await res.text();
  } else {
    store ??= new ModelStore();
    const bytes = await store.readFile(ref, 'tokenizer.json');
    if (!bytes) return null;
    text = new TextDecoder().decode(bytes);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new NerError('tokenizer-unsupported', { detail: e instanceof Error ? e.message : String(e) });
  }
}
