import { describe, expect, it } from 'vitest';
import { cellColor, extent, heatmapPixels } from './heatmap-pixels';

describe('cellColor(value, scale)', () => {
  it('sequential: opacity = value / max, clamped', () => {
    const s = { kind: 'sequential', color: '#ff0000', max: 0.5 } as const;
    expect(cellColor(0.25, s)).toEqual({ color: '#ff0000', opacity: 0.5 });
    expect(cellColor(2, s).opacity).toBe(1);
    expect(cellColor(0.3, { ...s, max: 0 }).opacity).toBe(0);
  });
  it('diverging: colour by sign, opacity = |value| / maxAbs', () => {
    const s = { kind: 'diverging', positive: '#ff0000', negative: '#0000ff', maxAbs: 0.2 } as const;
    expect(cellColor(-0.1, s)).toEqual({ color: '#0000ff', opacity: 0.5 });
    expect(cellColor(0.2, s)).toEqual({ color: '#ff0000', opacity: 1 });
  });
});

describe('extent(values, absolute)', () => {
  it('is the max value, or the max |value|', () => {
    expect(extent([0.1, 0.4, -0.9])).toBe(0.4);
    expect(extent([0.1, 0.4, -0.9], true)).toBe(0.9);
  });
});

describe('heatmapPixels(matrix, seq, rows, cols, scale)', () => {
  it('writes one RGBA pixel per shown cell, row-major', () => {
    // 3 × 3, show rows [0, 2] and cols [1, 2]
    const m = [0, 1, 0.5, 0, 0, 0, 0, 0.25, 0];
    const px = heatmapPixels(m, 3, [0, 2], [1, 2], { kind: 'sequential', color: '#0a141e', max: 1 });
    expect([...px]).toEqual([
      10, 20, 30, 255, 10, 20, 30, 128,
      10, 20, 30, 64, 10, 20, 30, 0,
    ]);
  });
});
