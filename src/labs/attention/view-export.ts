/**
 * The current view as a downloadable SVG (vector; both themes baked in) or PNG (rasterised from the
 * same SVG at 2×, in the current theme). Browser only: thumbnails and rasterising need a canvas.
 */
import type { AttentionLab } from './attention-lab.svelte';
import { headMatrix } from './attention-stack';
import { headColors } from './head-colors';
import { headViewLines } from './head-view-lines';
import { paintHeatmap } from './heatmap-draw';
import { cellColor, extent } from './heatmap-pixels';
import { headViewSvg, imageGridSvg, matrixSvg, PALETTES, type ExportTheme } from './export-svg';
import { applyVisibility } from './token-filter';

export interface ExportLabels {
  title: string;
  layer: (n: number) => string;
  head: (n: number) => string;
}

const THUMB = 96;

function thumbnail(lab: AttentionLab, layer: number, head: number, color: string): string {
  const r = lab.result!;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = THUMB;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  const m = applyVisibility(headMatrix(r.stack, layer, head), lab.visibility!, lab.renormalise);
  paintHeatmap(ctx, m, r.stack.seq, lab.shownRows, lab.shownCols, { kind: 'sequential', color, max: extent(m) }, { x: 0, y: 0, width: THUMB, height: THUMB });
  return canvas.toDataURL('image/png');
}

/** An SVG document of the lab's current view (head, model or matrix), as the learner sees it. */
export function viewSvg(lab: AttentionLab, theme: ExportTheme, labels: ExportLabels): string {
  const r = lab.result;
  if (!r || !lab.visibility) throw new Error('nothing to export yet');
  const colors = headColors(r.stack.heads);
  const tokensOf = (indices: number[]) => indices.map((i) => r.tokens[i]!);
  if (lab.view === 'head') {
    const buckets = headViewLines({ matrices: lab.headMatrices, rows: lab.shownRows, cols: lab.shownCols, focus: lab.focus });
    return headViewSvg({ title: labels.title, left: tokensOf(lab.shownRows), right: tokensOf(lab.shownCols), buckets, colors, theme });
  }
  if (lab.view === 'matrix') {
    const m = lab.matrix!;
    const n = r.stack.seq;
    const values = lab.shownRows.flatMap((i) => lab.shownCols.map((j) => m[i * n + j]!));
    const color = lab.matrixSource === 'head' ? colors[lab.matrixHead]! : PALETTES[theme === 'dark' ? 'dark' : 'light'].accent;
    const scale = { kind: 'sequential', color, max: extent(m) } as const;
    return matrixSvg({ title: labels.title, rows: tokensOf(lab.shownRows), cols: tokensOf(lab.shownCols), values, cell: (v) => cellColor(v, scale), theme });
  }
  const layers = Array.from({ length: r.stack.layers }, (_, l) => l);
  const heads = Array.from({ length: r.stack.heads }, (_, h) => h);
  return imageGridSvg({
    title: labels.title,
    rowLabels: layers.map((l) => labels.layer(l + 1)),
    colLabels: heads.map((h) => labels.head(h + 1)),
    images: layers.flatMap((l) => heads.map((h) => thumbnail(lab, l, h, colors[h]!))),
    cellSize: THUMB,
    theme,
  });
}

/** Rasterises an SVG document to a PNG blob at `scale`× its size. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.naturalWidth * scale);
    canvas.height = Math.ceil(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under `filename` through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
