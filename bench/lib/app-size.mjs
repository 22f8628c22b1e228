/**
 * Sizes of the built app (dist/): JavaScript and CSS gzipped (level 9), what the first screen
 * loads (index.html's entry and its static imports) and everything, and what the service worker
 * precaches, split by kind.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

/** @param {string} dist @param {{ entryAssets: Function, staticClosure: Function, precacheUrls: Function }} assets */
export function appSizes(dist, assets) {
  const read = (p) => (existsSync(join(dist, p)) ? readFileSync(join(dist, p), 'utf8') : null);
  const gz = (p) => gzipSync(readFileSync(join(dist, p)), { level: 9 }).length;
  const kb = (bytes) => bytes / 1024;
  const files = walk(dist).map((f) => relative(dist, f).split('\\').join('/'));
  const entry = assets.entryAssets(read('index.html') ?? '');
  const initialJs = assets.staticClosure(entry.scripts, read);
  const allJs = files.filter((f) => f.startsWith('assets/') && f.endsWith('.js'));
  const allCss = files.filter((f) => f.startsWith('assets/') && f.endsWith('.css'));
  const sum = (list, f) => list.reduce((s, p) => s + f(p), 0);
  const raw = (p) => statSync(join(dist, p)).size;

  const precache = assets.precacheUrls(read('sw.js') ?? '');
  const kinds = { models: 0, ort: 0, js: 0, css: 0, fonts: 0, other: 0 };
  for (const url of precache) {
    if (!existsSync(join(dist, url))) continue;
    const size = raw(url);
    const kind = url.startsWith('models/') ? 'models' : url.startsWith('ort/') ? 'ort' : url.endsWith('.js') ? 'js' : url.endsWith('.css') ? 'css' : /\.(woff2?|ttf)$/.test(url) ? 'fonts' : 'other';
    kinds[kind] += size;
  }
  const precacheBytes = Object.values(kinds).reduce((a, b) => a + b, 0);
  const info = (id, label, unit, value, params) => ({ id: `app/${id}`, suite: 'app', label, unit, better: 'lower', role: 'info', samples: [value], params });
  const figures = [
    info('js-initial-gzip', 'JavaScript for the first screen (entry + static imports), gzipped', 'KB', kb(sum(initialJs, gz)), { files: initialJs.length, rawKB: Math.round(kb(sum(initialJs, raw))) }),
    info('css-initial-gzip', 'CSS for the first screen, gzipped', 'KB', kb(sum(entry.styles, gz)), { files: entry.styles.length }),
    info('js-all-gzip', 'all JavaScript (every lazy chunk and worker), gzipped', 'KB', kb(sum(allJs, gz)), { files: allJs.length, rawKB: Math.round(kb(sum(allJs, raw))) }),
    info('css-all-gzip', 'all CSS, gzipped', 'KB', kb(sum(allCss, gz)), { files: allCss.length }),
    info('precache', 'service worker precache (what an offline install downloads)', 'MB', precacheBytes / 1e6, {
      entries: precache.length,
      ...Object.fromEntries(Object.entries(kinds).map(([k, v]) => [`${k}MB`, Number((v / 1e6).toFixed(2))])),
    }),
  ];
  const notes = [`precache: ${precache.length} files — ${Object.entries(kinds).map(([k, v]) => `${k} ${(v / 1e6).toFixed(2)} MB`).join(', ')}`];
  return { figures, notes };
}
