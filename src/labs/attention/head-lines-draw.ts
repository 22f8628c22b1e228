import type { LineBucket } from './head-view-lines';

export interface LinesGeometry {
  width: number;
  height: number;
  rowHeight: number;
}

const y = (position: number, rowHeight: number) => position * rowHeight + rowHeight / 2;

/** SVG path data of one bucket: a straight line per (from, to) pair across the full width. */
export function bucketPath(bucket: LineBucket, { width, rowHeight }: LinesGeometry): string {
  let d = '';
  for (let k = 0; k < bucket.pairs.length; k += 2) d += `M0 ${y(bucket.pairs[k]!, rowHeight)}L${width} ${y(bucket.pairs[k + 1]!, rowHeight)}`;
  return d;
}

/** The same lines on a canvas (for long inputs, where thousands of SVG paths get slow). */
export function drawBuckets(ctx: CanvasRenderingContext2D, buckets: readonly LineBucket[], colors: readonly string[], { width, height, rowHeight }: LinesGeometry): void {
  ctx.clearRect(0, 0, width, height);
  ctx.lineWidth = 2;
  for (const b of buckets) {
    ctx.strokeStyle = colors[b.head] ?? '#888';
    ctx.globalAlpha = b.opacity;
    ctx.beginPath();
    for (let k = 0; k < b.pairs.length; k += 2) {
      ctx.moveTo(0, y(b.pairs[k]!, rowHeight));
      ctx.lineTo(width, y(b.pairs[k + 1]!, rowHeight));
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** Sizes a canvas for the device pixel ratio and returns its context, scaled to CSS pixels. */
export function hiDpiContext(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
