/**
 * Stand-alone SVG documents of the lab's views, for download. Colours of both themes are baked in:
 * `theme: 'auto'` follows the viewer's `prefers-color-scheme`; 'light' / 'dark' fix one (for PNG).
 * Cells and lines are drawn with fill/stroke opacity over the background, so they read on either.
 */
import { OPACITY_LEVELS, type LineBucket } from './head-view-lines';

export type ExportTheme = 'auto' | 'light' | 'dark';

export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
}

/** The app's surface, text, rule and accent colours (src/lib/styles/app.css). */
export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: { bg: '#ffffff', fg: '#1d2327', muted: '#5b6770', border: '#d5d9d3', accent: '#1f5f99' },
  dark: { bg: '#1d2226', fg: '#e6e9e6', muted: '#9aa6ad', border: '#353d43', accent: '#7fb4e8' },
};

const FONT = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function rules(p: Palette): string {
  return `.bg{fill:${p.bg}}.fg{fill:${p.fg}}.muted{fill:${p.muted}}.rule{stroke:${p.border}}`;
}

function themeStyle(theme: ExportTheme): string {
  if (theme !== 'auto') return `<style>${rules(PALETTES[theme])}</style>`;
  return `<style>${rules(PALETTES.light)}@media (prefers-color-scheme: dark){${rules(PALETTES.dark)}}</style>`;
}

/** Rough text width for layout without a DOM: CJK characters count double. */
export function textWidth(s: string, fontSize: number): number {
  let units = 0;
  for (const ch of s) units += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return units * fontSize;
}

function documentOf(width: number, height: number, theme: ExportTheme, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">` +
    `${themeStyle(theme)}<rect class="bg" width="${width}" height="${height}"/>${body}</svg>`;
}

export interface HeadViewSvgInput {
  title: string;
  /** Tokens of the left (from) and right (to) columns, in drawing order. */
  left: readonly string[];
  right: readonly string[];
  buckets: readonly LineBucket[];
  colors: readonly string[];
  theme: ExportTheme;
}

const ROW = 20;
const FONT_SIZE = 13;
const GAP = 160;

/** The head view: two token columns and one path per (head, opacity) bucket. */
export function headViewSvg({ title, left, right, buckets, colors, theme }: HeadViewSvgInput): string {
  const leftW = Math.ceil(Math.max(40, ...left.map((t) => textWidth(t, FONT_SIZE)))) + 12;
  const rightW = Math.ceil(Math.max(40, ...right.map((t) => textWidth(t, FONT_SIZE)))) + 12;
  const top = 40;
  const x1 = leftW + 4;
  const x2 = x1 + GAP;
  const width = x2 + 4 + rightW;
  const height = top + Math.max(left.length, right.length) * ROW + 12;
  const y = (p: number) => top + p * ROW + ROW / 2;
  const paths = buckets.map((b) => {
    let d = '';
    for (let k = 0; k < b.pairs.length; k += 2) d += `M${x1} ${y(b.pairs[k]!)}L${x2} ${y(b.pairs[k + 1]!)}`;
    return `<path d="${d}" stroke="${colors[b.head] ?? '#888'}" stroke-opacity="${b.opacity.toFixed(3)}" stroke-width="2" fill="none"/>`;
  });
  const label = (t: string, p: number, x: number, anchor: string) =>
    `<text class="fg" x="${x}" y="${y(p) + 4}" font-size="${FONT_SIZE}" text-anchor="${anchor}">${escapeXml(t)}</text>`;
  return documentOf(width, height, theme, [
    `<text class="fg" x="8" y="22" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
    ...paths,
    ...left.map((t, p) => label(t, p, leftW - 4, 'end')),
    ...right.map((t, p) => label(t, p, x2 + 8, 'start')),
  ].join(''));
}

export interface MatrixSvgInput {
  title: string;
  rows: readonly string[];
  cols: readonly string[];
  /** Row-major, rows.length × cols.length. */
  values: ArrayLike<number>;
  /** Colour and opacity of a value (e.g. accent at value/max; red/blue for differences). */
  cell: (value: number) => { color: string; opacity: number };
  theme: ExportTheme;
}

/** A heatmap: one rect per cell, token labels on both axes. */
export function matrixSvg({ title, rows, cols, values, cell, theme }: MatrixSvgInput): string {
  const size = Math.max(6, Math.min(24, Math.floor(640 / Math.max(rows.length, cols.length, 1))));
  const fontSize = Math.min(12, size);
  const labelW = Math.ceil(Math.max(30, ...rows.map((t) => textWidth(t, fontSize)))) + 8;
  const labelH = Math.ceil(Math.max(30, ...cols.map((t) => textWidth(t, fontSize)))) + 8;
  const top = 36 + labelH;
  const width = labelW + cols.length * size + 12;
  const height = top + rows.length * size + 12;
  const cells: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < cols.length; j++) {
      const { color, opacity } = cell(values[i * cols.length + j]!);
      if (opacity <= 1 / (2 * OPACITY_LEVELS)) continue;
      cells.push(`<rect x="${labelW + j * size}" y="${top + i * size}" width="${size}" height="${size}" fill="${color}" fill-opacity="${opacity.toFixed(3)}"/>`);
    }
  }
  const rowLabels = rows.map((t, i) => `<text class="fg" x="${labelW - 4}" y="${top + i * size + size / 2 + fontSize / 3}" font-size="${fontSize}" text-anchor="end">${escapeXml(t)}</text>`);
  const colLabels = cols.map((t, j) => {
    const x = labelW + j * size + size / 2 + fontSize / 3;
    return `<text class="fg" x="${x}" y="${top - 4}" font-size="${fontSize}" transform="rotate(-90 ${x} ${top - 4})">${escapeXml(t)}</text>`;
  });
  return documentOf(width, height, theme, [
    `<text class="fg" x="8" y="22" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
    `<rect class="rule" x="${labelW}" y="${top}" width="${cols.length * size}" height="${rows.length * size}" fill="none"/>`,
    ...cells,
    ...rowLabels,
    ...colLabels,
  ].join(''));
}

export interface ImageGridSvgInput {
  title: string;
  /** Row and column captions, e.g. "Layer 1" and "Head 1". */
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** PNG data URLs, row-major. */
  images: readonly string[];
  cellSize: number;
  theme: ExportTheme;
}

/** A grid of raster thumbnails (the model view) with vector captions. */
export function imageGridSvg({ title, rowLabels, colLabels, images, cellSize, theme }: ImageGridSvgInput): string {
  const labelW = Math.ceil(Math.max(...rowLabels.map((t) => textWidth(t, 12)))) + 12;
  const top = 56;
  const step = cellSize + 8;
  const width = labelW + colLabels.length * step + 8;
  const height = top + rowLabels.length * step + 8;
  const body = [`<text class="fg" x="8" y="22" font-size="15" font-weight="600">${escapeXml(title)}</text>`];
  colLabels.forEach((t, c) => body.push(`<text class="muted" x="${labelW + c * step + cellSize / 2}" y="${top - 8}" font-size="12" text-anchor="middle">${escapeXml(t)}</text>`));
  rowLabels.forEach((t, r) => {
    body.push(`<text class="muted" x="${labelW - 8}" y="${top + r * step + cellSize / 2 + 4}" font-size="12" text-anchor="end">${escapeXml(t)}</text>`);
    colLabels.forEach((_, c) => {
      const href = images[r * colLabels.length + c];
      if (href?.startsWith('data:image/png;base64,')) body.push(`<image x="${labelW + c * step}" y="${top + r * step}" width="${cellSize}" height="${cellSize}" href="${href}"/>`);
    });
  });
  return documentOf(width, height, theme, body.join(''));
}
