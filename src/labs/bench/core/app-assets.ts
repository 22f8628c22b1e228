/**
 * What the built app makes a browser download, read from `dist/` by `npm run bench`: the entry
 * assets of `index.html`, the static-import closure of the entry script (what loads before the
 * first screen), and the service worker's precache list.
 */

/** Paths (without the leading `/`) of the scripts, module preloads and style sheets `index.html` loads. */
export function entryAssets(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) scripts.push(m[1]!.replace(/^\//, ''));
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (/\brel="stylesheet"/.test(tag)) styles.push(href.replace(/^\//, ''));
    else if (/\brel="modulepreload"/.test(tag)) scripts.push(href.replace(/^\//, ''));
  }
  return { scripts, styles };
}

/** Relative specifiers of a module's static imports and re-exports (`import … from "./x.js"`, `import "./y.js"`, `export … from`), not `import()`. */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  const re = /(?:^|[;\n}\s])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const m of code.matchAll(re)) out.add(m[1]!);
  return [...out];
}

/** Every module reachable by static imports from `entries` (paths relative to dist/), entries included. */
export function staticClosure(entries: readonly string[], read: (path: string) => string | null): string[] {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (seen.has(path)) continue;
    const code = read(path);
    if (code === null) continue;
    seen.add(path);
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const spec of staticImports(code)) stack.push(new URL(spec, `http://x/${dir}`).pathname.slice(1));
  }
  return [...seen].sort();
}

/** The URLs the generated service worker precaches (`precacheAndRoute([{ url: "…", revision }, …])`). */
export function precacheUrls(sw: string): string[] {
  return [...new Set([...sw.matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]!))];
}
