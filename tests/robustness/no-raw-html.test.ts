// @vitest-environment node
/**
 * No string becomes markup except sanitized Markdown: a scan of every source file for the ways a
 * string turns into HTML or code (`{@html}`, `innerHTML`, `outerHTML`, `insertAdjacentHTML`,
 * `document.write`, `srcdoc`, d3's `.html()`, `createContextualFragment`, `setHTMLUnsafe`,
 * `DOMParser`, `eval`, `new Function`), with comments left out. Each allowed use is listed by
 * file with the reason it is safe, and an entry that no longer matches fails too (the list stays
 * true).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

const SINKS: readonly [name: string, pattern: RegExp][] = [
  ['{@html}', /\{@html\s/],
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\s*\(/],
  ['srcdoc', /\bsrcdoc\b/i],
  ['d3 .html()', /\.html\s*\(/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['setHTMLUnsafe / parseHTMLUnsafe', /\b(setHTMLUnsafe|parseHTMLUnsafe)\b/],
  ['DOMParser', /\bnew\s+DOMParser\b|\.parseFromString\s*\(/],
  ['eval', /(^|[^.\w])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
];

/** file → sinks allowed there, with the reason. */
const ALLOWED: Record<string, { sinks: string[]; reason: string }> = {
  'src/path/MarkdownView.svelte': {
    sinks: ['{@html}'],
    reason: 'renders `renderMarkdown(markdown)`: marked with raw HTML escaped, then DOMPurify (src/lib/markdown/render-markdown.ts)',
  },
  'src/labs/vector-search/ingest/html-text.ts': {
    sinks: ['DOMParser'],
    reason: 'parses a learner\'s HTML file into an inert document only to read its text; nothing of it is inserted into the page',
  },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /\.(svelte|ts)$/.test(p) && !/\.test\.(svelte\.)?ts$/.test(p) && !p.split(/[\\/]/).includes('test-support'))
    .map((p) => join(dir, p));
}

const blank = (m: string) => m.replace(/[^\n]/g, ' ');

/** The code without comments (`// …`, `/* … *\/`, `<!-- … -->`); line breaks kept for line numbers. */
function withoutComments(code: string): string {
  return code
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/(^|[^:\\'"`])\/\/.*$/gm, (m, lead: string) => lead + blank(m.slice(lead.length)));
}

/** The code without comments and without the text of string literals (a message may name a sink). */
function codeOnly(code: string): string {
  return withoutComments(code)
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (m) => m[0] + blank(m.slice(1, -1)) + m[0])
    .replace(/`(?:[^`\\]|\\.)*`/g, (m) => m.replace(/(\$\{[^}]*\})|[^\n]/g, (c: string, expression?: string) => expression ?? (c === '`' ? c : ' ')));
}

function findSinks(): { file: string; sink: string; line: number; text: string }[] {
  const found: { file: string; sink: string; line: number; text: string }[] = [];
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const file = relative(ROOT, path).split('\\').join('/');
    const lines = codeOnly(readFileSync(path, 'utf8')).split('\n');
    lines.forEach((text, i) => {
      for (const [sink, pattern] of SINKS) if (pattern.test(text)) found.push({ file, sink, line: i + 1, text: text.trim() });
    });
  }
  return found;
}

describe('no raw HTML from strings', () => {
  const found = findSinks();

  it('no source file turns a string into markup or code, except the allowed uses', () => {
    const unexpected = found.filter((f) => !ALLOWED[f.file]?.sinks.includes(f.sink)).map((f) => `${f.file}:${f.line} ${f.sink}: ${f.text}`);
    expect(unexpected).toEqual([]);
  });

  it('every allowed use still exists (the allow-list is kept true)', () => {
    const stale = Object.entries(ALLOWED).flatMap(([file, { sinks }]) => sinks.filter((s) => !found.some((f) => f.file === file && f.sink === s)).map((s) => `${file}: ${s}`));
    expect(stale).toEqual([]);
  });

  it('the one {@html} renders only the sanitized output of renderMarkdown, which goes through DOMPurify', () => {
    const view = readFileSync(join(ROOT, 'src/path/MarkdownView.svelte'), 'utf8');
    expect(view.match(/\{@html\s+([^}]+)\}/g)).toEqual(['{@html html}']);
    expect(view).toMatch(/const html = \$derived\(renderMarkdown\(markdown\)\);/);
    const render = withoutComments(readFileSync(join(ROOT, 'src/lib/markdown/render-markdown.ts'), 'utf8'));
    expect(render).toMatch(/import DOMPurify from 'dompurify'/);
    expect(render).toMatch(/return DOMPurify\.sanitize\(html,/);
  });

  it('the scan finds each kind of sink (it is not blind)', () => {
    const sample = codeOnly(
      [
        '{@html x}', 'el.innerHTML = s', 'el.outerHTML = s', 'el.insertAdjacentHTML("x", s)', 'document.write(s)', 'f.srcdoc = s',
        'sel.html(s)', 'r.createContextualFragment(s)', 'el.setHTMLUnsafe(s)', 'new DOMParser()', 'eval(s)', 'new Function(s)',
        '// el.innerHTML = commented out', '/* eval(s) */', 'warn("never use new Function(s)")', 'warn(`${x}: eval(s) is refused`)',
      ].join('\n'),
    ).split('\n');
    const hits = sample.map((line) => SINKS.filter(([, p]) => p.test(line)).map(([n]) => n));
    expect(hits).toEqual([...SINKS.map(([n]) => [n]), [], [], [], []]);
  });
});
