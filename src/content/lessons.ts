import type { Lang } from '../lib/i18n/catalogue';

const lessonFiles = import.meta.glob<string>('/src/content/stage-*/*.md', { query: '?raw', import: 'default' });

function lessonPath(stage: number, name: string, lang: Lang): string {
  return `/src/content/stage-${stage}/${name}.${lang}.md`;
}

/** Whether a lesson file exists (without loading it). */
export function hasLesson(stage: number, slug: string, lang: Lang): boolean {
  return lessonPath(stage, slug, lang) in lessonFiles;
}

/** The lesson Markdown, loaded lazily; `null` if it has not been written yet. */
export async function loadLesson(stage: number, slug: string, lang: Lang): Promise<string | null> {
  const load = lessonFiles[lessonPath(stage, slug, lang)];
  return load ? load() : null;
}

/** The stage summary Markdown (`summary.<lang>.md`), or `null`. */
export function loadSummary(stage: number, lang: Lang): Promise<string | null> {
  return loadLesson(stage, 'summary', lang);
}
