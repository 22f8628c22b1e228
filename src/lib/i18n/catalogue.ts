export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export type MessageTree = { [key: string]: string | MessageTree };

/**
 * Merge per-feature message files (`src/<feature>/i18n.<lang>.json`, each holding ONE
 * top-level namespace) into one catalogue per language.
 * Throws on a file with zero or several namespaces, or on two files sharing a namespace.
 */
export function mergeCatalogues(files: Record<string, unknown>): Record<Lang, MessageTree> {
  const out: Record<Lang, MessageTree> = { zh: {}, en: {} };
  const owner: Record<Lang, Record<string, string>> = { zh: {}, en: {} };
  for (const [path, json] of Object.entries(files)) {
    const m = /i18n\.(zh|en)\.json$/.exec(path);
    if (!m) throw new Error(`not a message file: ${path}`);
    const lang = m[1] as Lang;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${path}: not an object`);
    const keys = Object.keys(json);
    if (keys.length !== 1) throw new Error(`${path}: must have exactly one top-level namespace, found ${keys.length}`);
    const ns = keys[0]!;
    const prev = owner[lang][ns];
    if (prev !== undefined) throw new Error(`namespace "${ns}" defined in both ${prev} and ${path}`);
    owner[lang][ns] = path;
    out[lang][ns] = (json as Record<string, MessageTree>)[ns]!;
  }
  return out;
}

/** Every leaf key of a message tree, dotted, sorted. */
export function leafKeys(tree: MessageTree, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') keys.push(full);
    else keys.push(...leafKeys(v, full));
  }
  return keys.sort();
}

/** The UI language to start with: the remembered one, else the browser's, else Chinese. */
export function pickInitialLang(stored: string | null, navigatorLanguages: readonly string[]): Lang {
  if (stored === 'zh' || stored === 'en') return stored;
  for (const l of navigatorLanguages) {
    const low = l.toLowerCase();
    if (low.startsWith('zh')) return 'zh';
    if (low.startsWith('en')) return 'en';
  }
  return 'zh';
}
