import { describe, expect, it } from 'vitest';
import { figureIdsIn, renderMarkdown } from './render-markdown';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('renderMarkdown(md) sanitizes', () => {
  it('shows raw HTML as text: no <img onerror>, no <script>', () => {
    const el = dom(renderMarkdown('hi <img src=x onerror="alert(1)"> <script>alert(2)</script>\n\n<div onclick="x()">d</div>'));
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('[onclick]')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror="alert(1)">');
  });
  it('strips javascript: and other dangerous link targets', () => {
    const el = dom(renderMarkdown('[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:x) [d](data:text/html,<b>x</b>)'));
    for (const a of el.querySelectorAll('a')) expect(a.getAttribute('href')).toBeNull();
    expect(el.querySelectorAll('a')).toHaveLength(4);
  });
  it('drops remote image sources (no request may leave the app) but keeps local ones', () => {
    const el = dom(renderMarkdown('![remote](https://example.com/x.png) ![local](/icons/icon.svg)'));
    const [remote, local] = [...el.querySelectorAll('img')];
    expect(remote!.getAttribute('src')).toBeNull();
    expect(local!.getAttribute('src')).toBe('/icons/icon.svg');
  });
});

describe('renderMarkdown(md) links', () => {
  it('keeps in-app #/ links in the tab and opens external links in a new one, without referrer', () => {
    const el = dom(renderMarkdown('[lab](#/lab/attention?text=a%20b) [paper](https://arxiv.org/abs/1706.03762)'));
    const [lab, paper] = [...el.querySelectorAll('a')];
    expect(lab!.getAttribute('href')).toBe('#/lab/attention?text=a%20b');
    expect(lab!.hasAttribute('target')).toBe(false);
    expect(paper!.getAttribute('target')).toBe('_blank');
    expect(paper!.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

describe('renderMarkdown(md) content', () => {
  it('renders GFM tables and highlighted code in shipped languages, plain escaped code otherwise', () => {
    const el = dom(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f(): return 1\n```\n\n```rust\nfn main() {}<x>\n```'));
    expect(el.querySelectorAll('td')).toHaveLength(2);
    const [py, rust] = [...el.querySelectorAll('pre code')];
    expect(py!.className).toBe('hljs language-python');
    expect(py!.querySelector('.hljs-keyword')?.textContent).toBe('def');
    expect(rust!.className).toBe('');
    expect(rust!.textContent).toBe('fn main() {}<x>');
  });
  it('renders $inline$ and $$display$$ maths with KaTeX, and leaves prices alone', () => {
    const el = dom(renderMarkdown('Let $x^2$ be.\n\n$$\n\\frac{a}{b}\n$$\n\nIt costs $5 and $6 today.'));
    expect(el.querySelectorAll('.katex')).toHaveLength(2);
    expect(el.querySelector('.math-display .katex-display')).not.toBeNull();
    expect(el.textContent).toContain('It costs $5 and $6 today.');
  });
  it('keeps the SVG of KaTeX square roots intact', () => {
    const path = dom(renderMarkdown('$\\sqrt{d_k}$')).querySelector('.katex svg path');
    expect(path?.getAttribute('d')?.length).toBeGreaterThan(20);
    expect(path?.closest('svg')?.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
  });
  it('turns ```figure blocks into placeholders and lists their ids', () => {
    const md = 'Intro\n\n```figure\nai-timeline\n```\n\n- item\n\n  ```figure\n  lora-low-rank\n  ```\n';
    const el = dom(renderMarkdown(md));
    expect([...el.querySelectorAll('figure[data-figure]')].map((f) => f.getAttribute('data-figure'))).toEqual(['ai-timeline', 'lora-low-rank']);
    expect(figureIdsIn(md)).toEqual(['ai-timeline', 'lora-low-rank']);
  });
  it('ignores a figure block with a malformed id', () => {
    expect(dom(renderMarkdown('```figure\n"><script>\n```')).querySelector('figure')).toBeNull();
  });
});
