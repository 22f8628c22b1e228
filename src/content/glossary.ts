import type { Lang } from '../lib/i18n/catalogue';
import type { Localized } from './curriculum';

export interface GlossaryTerm {
  id: string;
  term: Localized;
  definition: Localized;
  see?: string[];
  /** Stage whose glossary file introduces the term. */
  stage: number;
}

const files = import.meta.glob<{ terms: Omit<GlossaryTerm, 'stage'>[] }>('/src/content/glossary/stage-*.json', {
  eager: true,
  import: 'default',
});

/** All glossary terms of every stage file, in stage then file order. */
export const glossaryTerms: GlossaryTerm[] = Object.entries(files)
  .map(([path, file]) => ({ stage: Number(/stage-(\d+)\.json$/.exec(path)?.[1] ?? 0), file }))
  .sort((a, b) => a.stage - b.stage)
  .flatMap(({ stage, file }) => file.terms.map((t) => ({ ...t, stage })));

export function findTerm(id: string): GlossaryTerm | undefined {
  return glossaryTerms.find((t) => t.id === id);
}

/** Terms whose name (either language) or definition (current language) contains the query, name matches first. */
export function searchTerms(terms: readonly GlossaryTerm[], query: string, lang: Lang): GlossaryTerm[] {
  const q = query.trim().toLowerCase();
  const sorted = [...terms].sort((a, b) => a.term[lang].localeCompare(b.term[lang], lang === 'zh' ? 'zh-CN' : 'en'));
  if (q === '') return sorted;
  const inName = (t: GlossaryTerm) => t.term.zh.toLowerCase().includes(q) || t.term.en.toLowerCase().includes(q) || t.id.includes(q);
  const inDef = (t: GlossaryTerm) => t.definition[lang].toLowerCase().includes(q);
  return [...sorted.filter(inName), ...sorted.filter((t) => !inName(t) && inDef(t))];
}
