/** A token the view isolates: its attention out (`from`, a query row) or in (`to`, a key column). */
export interface TokenFocus {
  side: 'from' | 'to';
  index: number;
}

/** Lines of one head that share one opacity, as (row position, column position) pairs. */
export interface LineBucket {
  head: number;
  opacity: number;
  /** Interleaved: [fromPos0, toPos0, fromPos1, toPos1, …], positions in the shown row/column lists. */
  pairs: number[];
}

/** Opacity steps: lines are grouped so a renderer draws one path per (head, step), whatever the length. */
export const OPACITY_LEVELS = 32;

export interface HeadLinesInput {
  /** seq × seq matrices (visibility already applied), one per drawn head. */
  matrices: readonly { head: number; matrix: Float32Array }[];
  /** Token indices of the shown rows (left column) and columns (right column), in order. */
  rows: readonly number[];
  cols: readonly number[];
  focus: TokenFocus | null;
}

/**
 * The head view's lines: one per (head, shown row, shown column) with weight ≥ 1/(2·OPACITY_LEVELS),
 * opacity = weight rounded to 1/OPACITY_LEVELS; only the focused token's lines when a token is focused.
 */
export function headViewLines({ matrices, rows, cols, focus }: HeadLinesInput): LineBucket[] {
  const n = Math.sqrt(matrices[0]?.matrix.length ?? 0);
  const rowList = focus?.side === 'from' ? rows.filter((i) => i === focus.index) : rows;
  const colList = focus?.side === 'to' ? cols.filter((j) => j === focus.index) : cols;
  const rowPos = new Map(rows.map((i, p) => [i, p]));
  const colPos = new Map(cols.map((j, p) => [j, p]));
  const out: LineBucket[] = [];
  for (const { head, matrix } of matrices) {
    const buckets: number[][] = Array.from({ length: OPACITY_LEVELS + 1 }, () => []);
    for (const i of rowList) {
      for (const j of colList) {
        const level = Math.min(OPACITY_LEVELS, Math.round(matrix[i * n + j]! * OPACITY_LEVELS));
        if (level > 0) buckets[level]!.push(rowPos.get(i)!, colPos.get(j)!);
      }
    }
    buckets.forEach((pairs, level) => {
      if (pairs.length > 0) out.push({ head, opacity: level / OPACITY_LEVELS, pairs });
    });
  }
  return out;
}
