/**
 * Draws the collection map on a canvas: points grouped by colour (one fillStyle per group, so
 * 100k points stay smooth), the hovered point, the query star and lines to its neighbours.
 * Coordinates go through the fitted scales and the current d3-zoom transform.
 */
import type { ZoomTransform } from 'd3';
import type { MapScales } from './map-geometry';

export interface MapDrawing {
  coords: Float32Array;
  groups: number[][];
  colours: string[];
  /** Neighbour point indices of the query (lines from the query to them). */
  neighbours: number[];
  query: [number, number] | null;
  hovered: number | null;
  theme: { fg: string; accent: string; bg: string };
}

export function drawMap(ctx: CanvasRenderingContext2D, d: MapDrawing, scales: MapScales, t: ZoomTransform, width: number, height: number, dpr: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const px = (i: number) => t.applyX(scales.x(d.coords[2 * i]!));
  const py = (i: number) => t.applyY(scales.y(d.coords[2 * i + 1]!));
  const n = d.coords.length / 2;
  const size = n > 20_000 ? 2 : n > 2_000 ? 3 : 4;
  const half = size / 2;
  ctx.globalAlpha = n > 20_000 ? 0.6 : 0.8;
  d.groups.forEach((group, g) => {
    ctx.fillStyle = d.colours[g % d.colours.length]!;
    for (const i of group) {
      const x = px(i);
      const y = py(i);
      if (x < -2 || y < -2 || x > width + 2 || y > height + 2) continue;
      ctx.fillRect(x - half, y - half, size, size);
    }
  });
  ctx.globalAlpha = 1;
  if (d.query) {
    const qx = t.applyX(scales.x(d.query[0]));
    const qy = t.applyY(scales.y(d.query[1]));
    ctx.strokeStyle = d.theme.accent;
    ctx.lineWidth = 1;
    for (const i of d.neighbours) {
      ctx.beginPath();
      ctx.moveTo(qx, qy);
      ctx.lineTo(px(i), py(i));
      ctx.stroke();
    }
    for (const i of d.neighbours) {
      ctx.beginPath();
      ctx.arc(px(i), py(i), 4, 0, 2 * Math.PI);
      ctx.stroke();
    }
    star(ctx, qx, qy, 9, d.theme.accent, d.theme.bg);
  }
  if (d.hovered !== null) {
    ctx.beginPath();
    ctx.arc(px(d.hovered), py(d.hovered), 6, 0, 2 * Math.PI);
    ctx.strokeStyle = d.theme.fg;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string, outline: string): void {
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const radius = k % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    ctx.lineTo(x + radius * Math.cos(a), y + radius * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = outline;
  ctx.lineWidth = 1.5;
  ctx.stroke();
}
