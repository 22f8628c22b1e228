/**
 * The readable text of an HTML file, extracted with DOMParser: the parsed document is inert (no
 * scripts run, nothing loads) and is never inserted into the page. Scripts, styles and other
 * non-content elements are skipped; block elements become paragraph breaks.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'SELECT']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL', 'BODY',
]);

export interface HtmlText {
  title: string;
  text: string;
}

export function htmlToText(html: string, parser: DOMParser = new DOMParser()): HtmlText {
  const doc = parser.parseFromString(html, 'text/html');
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      parts.push('\n');
      return;
    }
    const block = BLOCK.has(tag);
    if (block) parts.push('\n\n');
    if (tag === 'TD' || tag === 'TH') parts.push(' ');
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (block) parts.push('\n\n');
  };
  if (doc.body) walk(doc.body);
  const text = parts
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { title: (doc.title ?? '').trim(), text };
}
