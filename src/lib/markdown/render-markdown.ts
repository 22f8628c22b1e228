import { Marked, type Tokens } from 'marked';
import DOMPurify from 'dompurify';
import { mathExtension } from './math-extension';
import { highlightCode } from './highlight';

const FIGURE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const marked = new Marked({ gfm: true, breaks: false }, mathExtension(), {
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? '').trim().split(/\s+/)[0]!.toLowerCase();
      if (language === 'figure') {
        const id = text.trim();
        return FIGURE_ID.test(id) ? `<figure class="lesson-figure" data-figure="${id}"></figure>\n` : '';
      }
      const highlighted = highlightCode(text, language);
      const cls = highlighted ? ` class="hljs language-${language}"` : '';
      return `<pre><code${cls}>${highlighted ?? escapeHtml(text)}</code></pre>\n`;
    },
    // Raw HTML in Markdown is shown as text, never interpreted.
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
  },
});

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('data:')) node.removeAttribute('src');
      return;
    }
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      node.removeAttribute('target');
      node.removeAttribute('rel');
    } else {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/**
 * Markdown (CommonMark + GFM, `$…$` / `$$…$$` maths, highlighted code, ```figure blocks) to sanitized HTML.
 * The result is the only string the app ever passes to `{@html}`.
 */
export function renderMarkdown(markdown: string): string {
  installHooks();
  const html = marked.parse(markdown, { async: false });
  return DOMPurify.sanitize(html, {
    ADD_ATTR: ['target'],
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
    // DOMPurify's default URI rule stays (it also vets every other attribute value, e.g. KaTeX's SVG paths);
    // remote image sources are dropped by the hook above.
  });
}

/** Ids of the figures a rendered lesson asks for, in order. */
export function figureIdsIn(markdown: string): string[] {
  const ids: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'code' && (token as Tokens.Code).lang?.trim() === 'figure') ids.push((token as Tokens.Code).text.trim());
  });
  return ids;
}
