import { describe, expect, it } from 'vitest';
import { ProgressMeter } from './progress-meter';
import type { Progress } from './types';

describe('ProgressMeter', () => {
  it('ProgressMeter.update reports rate per second and ETA from an injected clock', () => {
    let now = 1000;
    const seen: Progress[] = [];
    const meter = new ProgressMeter(100, { stage: 'embed' }, (p) => seen.push(p), () => now, 100);
    now = 3000;
    expect(meter.update(20)).toBe(true);
    expect(seen[0]).toEqual({ stage: 'embed', done: 20, total: 100, rate: 10, etaMs: 8000 });
  });

  it('ProgressMeter.update throttles to one event per interval but always passes the final one', () => {
    let now = 0;
    const seen: Progress[] = [];
    const meter = new ProgressMeter(10, {}, (p) => seen.push(p), () => now, 100);
    now = 10;
    meter.update(1);
    now = 50;
    expect(meter.update(2)).toBe(false);
    now = 60;
    expect(meter.update(10)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([1, 10]);
  });

  it('ProgressMeter.update carries extra fields such as the file and bytes', () => {
    const seen: Progress[] = [];
    const meter = new ProgressMeter(4, { stage: 'download' }, (p) => seen.push(p), () => 0);
    meter.update(4, { file: 'onnx/model.onnx', bytes: 4 });
    expect(seen[0]).toEqual({ stage: 'download', file: 'onnx/model.onnx', bytes: 4, done: 4, total: 4 });
  });
});
