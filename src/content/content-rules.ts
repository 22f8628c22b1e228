import { Marked, type Token, type Tokens } from 'marked';
import { parseHash } from '../lib/router/route';
import type { Curriculum } from './curriculum';

/** Word-count rules of docs/CONTENT.md, as enforced by the content tests. */
export const LESSON_LENGTH = {
  en: { min: 300, max: 900 },
  zh: { min: 450, max: 1800 },
} as const;

const lexer = new Marked({ gfm: true });

function tokens(markdown: string): Token[] {
  const all: Token[] = [];
  lexer.walkTokens(lexer.lexer(markdown), (t) => void all.push(t));
  return all;
}

/** Lesson prose without fenced code blocks, display maths, and link targets (what a reader reads as text). */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ');
}

/** English words: runs of letters/digits, with inner apostrophes or hyphens. */
export function countEnglishWords(text: string): number {
  return text.match(/[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g)?.length ?? 0;
}

/** Chinese length: CJK characters plus Latin words. */
export function countChineseLength(text: string): number {
  const cjk = text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  return cjk + countEnglishWords(text);
}

/** Raw HTML anywhere in the Markdown (block or inline), as marked sees it. */
export function rawHtmlIn(markdown: string): string[] {
  return tokens(markdown)
    .filter((t) => t.type === 'html')
    .map((t) => (t as Tokens.HTML).raw.trim());
}

/** Every in-app link target (`#/…`) of a Markdown text. */
export function appLinksIn(markdown: string): string[] {
  return tokens(markdown)
    .filter((t): t is Tokens.Link => t.type === 'link')
    .map((t) => t.href)
    .filter((href) => href.startsWith('#/'));
}

/** Why an in-app link does not resolve, or `null` when it does. */
export function checkAppLink(href: string, c: Curriculum, termIds: ReadonlySet<string>): string | null {
  const route = parseHash(href);
  switch (route.name) {
    case 'not-found':
      return `${href}: no such route`;
    case 'lab':
      return c.labs.some((l) => l.id === route.labId) ? null : `${href}: unknown lab "${route.labId}"`;
    case 'stage':
    case 'stage-summary':
      return c.stages.some((s) => s.n === route.stage) ? null : `${href}: no stage ${route.stage}`;
    case 'topic': {
      const stage = c.stages.find((s) => s.n === route.stage);
      return stage?.topics.some((t) => t.slug === route.slug) ? null : `${href}: no topic ${route.stage}/${route.slug}`;
    }
    case 'glossary':
      return route.termId === null || termIds.has(route.termId) ? null : `${href}: no glossary term "${route.termId}"`;
    default:
      return null;
  }
}
