import katex from 'katex';
import type { MarkedExtension, Tokens } from 'marked';

interface MathToken extends Tokens.Generic {
  type: 'mathBlock' | 'mathInline';
  text: string;
}

function renderTex(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore', trust: false });
}

/**
 * `$$…$$` display math (own paragraph, one or more lines) and `$…$` inline math.
 * Inline math must not start or end with a space, so "costs $5 and $6" stays text.
 */
export function mathExtension(): MarkedExtension {
  return {
    extensions: [
      {
        name: 'mathBlock',
        level: 'block',
        start: (src) => src.match(/^\s*\$\$/m)?.index,
        tokenizer(src) {
          const m = /^ {0,3}\$\$([\s\S]+?)\$\$[ \t]*(?:\n+|$)/.exec(src);
          if (!m) return undefined;
          return { type: 'mathBlock', raw: m[0], text: m[1]!.trim() } satisfies MathToken;
        },
        renderer: (token) => `<div class="math-display">${renderTex((token as MathToken).text, true)}</div>\n`,
      },
      {
        name: 'mathInline',
        level: 'inline',
        start: (src) => src.indexOf('$'),
        tokenizer(src) {
          const m = /^\$(?!\$)((?:\\.|[^\\$\n])+?)\$(?![0-9])/.exec(src);
          if (!m) return undefined;
          const text = m[1]!;
          if (/^\s|\s$/.test(text)) return undefined;
          return { type: 'mathInline', raw: m[0], text } satisfies MathToken;
        },
        renderer: (token) => renderTex((token as MathToken).text, false),
      },
    ],
  };
}
