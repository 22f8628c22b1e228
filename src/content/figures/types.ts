import type { Lang } from '../../lib/i18n/catalogue';

/**
 * A figure a lesson can embed with a ```figure fenced block naming its id.
 * `render` draws into `el` (with d3) and returns a cleanup function.
 */
export interface LessonFigure {
  id: string;
  title: { zh: string; en: string };
  render(el: HTMLElement, lang: Lang): () => void;
}
