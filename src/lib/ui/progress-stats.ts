export interface ProgressStats {
  /** 0..1, or null when the total is unknown. */
  fraction: number | null;
  /** Items per second, or null before any time has passed. */
  ratePerSec: number | null;
  /** Estimated milliseconds left, or null when it cannot be estimated. */
  etaMs: number | null;
}

/** Fraction, rate and time left for `done` of `total` items after `elapsedMs`. */
export function progressStats(done: number, total: number | null, elapsedMs: number | null): ProgressStats {
  if (!Number.isFinite(done) || done < 0) throw new RangeError(`invalid done: ${done}`);
  if (total !== null && (!Number.isFinite(total) || total < 0)) throw new RangeError(`invalid total: ${total}`);
  const fraction = total === null ? null : total === 0 ? 1 : Math.min(1, done / total);
  const ratePerSec = elapsedMs !== null && elapsedMs > 0 ? (done * 1000) / elapsedMs : null;
  const etaMs =
    total !== null && ratePerSec !== null && ratePerSec > 0 ? (Math.max(0, total - done) / ratePerSec) * 1000 : null;
  return { fraction, ratePerSec, etaMs };
}

/** `1 h 02 min`, `3 min 05 s`, `42 s` — compact durations for ETAs and time spent. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`invalid duration: ${ms}`);
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(sec)} s`;
  return `${sec} s`;
}

/** `512 B`, `1.5 KB`, `26.9 MB` (powers of 1000). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`invalid byte count: ${bytes}`);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
