/**
 * Overlapping windows for sequences longer than the model takes, the way the model factory
 * evaluates: windows of `size` tokens with a stride of `size / 2`; each token takes its logits from
 * the last window where it sits in the central half, else from the first window that covers it.
 */

export interface TokenWindow {
  /** Token range, end exclusive (without [CLS]/[SEP]). */
  start: number;
  end: number;
}

export interface WindowPlan {
  windows: TokenWindow[];
  /** For each token, the index of the window whose logits it takes. */
  source: Int32Array;
}

/** Windows over `n` tokens, each at most `size` long. */
export function planWindows(n: number, size: number): WindowPlan {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid token count ${n}`);
  if (!Number.isInteger(size) || size < 2) throw new RangeError(`invalid window size ${size}`);
  const windows: TokenWindow[] = [];
  if (n <= size) {
    windows.push({ start: 0, end: n });
  } else {
    const stride = Math.floor(size / 2);
    for (let s = 0; s < Math.max(1, n - size + stride); s += stride) windows.push({ start: s, end: Math.min(n, s + size) });
    if (windows[windows.length - 1]!.end < n) windows.push({ start: n - size, end: n });
  }
  const source = new Int32Array(n).fill(-1);
  windows.forEach(({ start, end }, w) => {
    const quarter = Math.floor((end - start) / 4);
    const lo = start === 0 ? start : start + quarter;
    const hi = end === n ? end : end - quarter;
    for (let k = start; k < end; k++) if ((k >= lo && k < hi) || source[k] === -1) source[k] = w;
  });
  return { windows, source };
}

/**
 * One `n × width` matrix from per-window rows: `rows[w]` holds window `w`'s
 * `(end - start) × width` values, row-major.
 */
export function mergeWindows(plan: WindowPlan, rows: readonly Float32Array[], width: number): Float32Array {
  if (rows.length !== plan.windows.length) throw new RangeError(`expected ${plan.windows.length} windows, got ${rows.length}`);
  const n = plan.source.length;
  const out = new Float32Array(n * width);
  for (let k = 0; k < n; k++) {
    const w = plan.source[k]!;
    const win = plan.windows[w]!;
    const row = rows[w]!;
    if (row.length !== (win.end - win.start) * width) throw new RangeError(`window ${w} has ${row.length} values, expected ${(win.end - win.start) * width}`);
    out.set(row.subarray((k - win.start) * width, (k - win.start + 1) * width), k * width);
  }
  return out;
}
