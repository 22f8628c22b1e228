import { describe, expect, it } from 'vitest';
import { benchChartLayout } from './bench-chart';

describe('benchChartLayout', () => {
  it('benchChartLayout scales bars from 0 to the nice max of the p90s', () => {
    const l = benchChartLayout(
      [
        { label: 'WebAssembly', medianMs: 20, p90Ms: 38 },
        { label: 'WebGPU', medianMs: 5, p90Ms: 9 },
      ],
      400,
      40,
    );
    expect(l.plotHeight).toBe(80);
    expect(l.bars.map((b) => [b.medianX, b.p90X])).toEqual([
      [200, 380],
      [50, 90],
    ]);
    expect(l.ticks.map((t) => t.value)).toEqual([0, 10, 20, 30, 40]);
    expect(l.ticks.map((t) => t.x)).toEqual([0, 100, 200, 300, 400]);
    // band scale, padding 0.25: step = 80 / 2.25, bands 0.75 step wide, centred
    const step = 80 / 2.25;
    expect(l.bars[0]!.y).toBeCloseTo(step * 0.25, 9);
    expect(l.bars[1]!.y).toBeCloseTo(step * 1.25, 9);
    expect(l.bars[0]!.height).toBeCloseTo(step * 0.75, 9);
  });

  it('benchChartLayout of no rows is empty, and refuses a zero width', () => {
    expect(benchChartLayout([], 100).bars).toEqual([]);
    expect(() => benchChartLayout([], 0)).toThrow(RangeError);
  });
});
