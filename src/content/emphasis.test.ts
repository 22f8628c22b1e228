// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../lib/markdown/render-markdown';

const lessons = import.meta.glob<string>('/src/content/stage-*/*.md', { eager: true, query: '?raw', import: 'default' });

/** Text the reader sees, without code and maths (where asterisks are legitimate). */
function visibleText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('code, pre, .katex').forEach((n) => n.remove());
  return doc.body.textContent ?? '';
}

describe('lesson emphasis', () => {
  // CommonMark does not close `**` that follows punctuation and precedes a CJK character
  // (e.g. `**微调（fine-tuning）**就是`), so the asterisks would show up literally.
  it.each(Object.keys(lessons))('%s shows no literal ** to the reader', (path) => {
    const text = visibleText(renderMarkdown(lessons[path]!));
    const at = text.indexOf('**');
    expect(at === -1 ? '' : text.slice(Math.max(0, at - 30), at + 30)).toBe('');
  }, 60_000);
});
