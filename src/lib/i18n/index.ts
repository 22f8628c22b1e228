import { addMessages, init, locale, _ } from 'svelte-i18n';
import { derived, get, type Readable } from 'svelte/store';
import { LANGS, mergeCatalogues, pickInitialLang, type Lang } from './catalogue';

export type { Lang };
export { LANGS };
/** `$t('shell.nav.path')`, `$t('x.y', { values: { n: 3 } })`. */
export const t = _;

const STORAGE_KEY = 'llm-lab.lang';
const files = import.meta.glob<unknown>('/src/**/i18n.{en,zh}.json', { eager: true, import: 'default' });

/** The current UI language, `'zh'` or `'en'`. */
export const lang: Readable<Lang> = derived(locale, (l) => (l?.startsWith('en') ? 'en' : 'zh'));

/** Load every message file and pick the starting language. Call once before mounting. */
export function setupI18n(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): Lang {
  const catalogues = mergeCatalogues(files);
  for (const l of LANGS) addMessages(l, catalogues[l]);
  const initial = pickInitialLang(storage?.getItem(STORAGE_KEY) ?? null, globalThis.navigator?.languages ?? []);
  init({ fallbackLocale: 'en', initialLocale: initial });
  applyDocumentLang(initial);
  return initial;
}

function applyDocumentLang(l: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

/** Switch the UI language and remember it. */
export function setLang(l: Lang, storage: Pick<Storage, 'setItem'> | null = globalThis.localStorage ?? null): void {
  locale.set(l);
  applyDocumentLang(l);
  try {
    storage?.setItem(STORAGE_KEY, l);
  } catch {
    /* storage full or denied: the choice still holds for this visit */
  }
}

export function currentLang(): Lang {
  return get(lang);
}
