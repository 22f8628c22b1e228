/** One search result: the row index in the collection and its score under the search's metric. */
export interface Hit {
  index: number;
  score: number;
}

/**
 * Keeps the `k` best (highest-priority) items seen so far in a binary min-heap on typed arrays,
 * so a scan over n items costs O(n log k) and allocates nothing per item. Ties keep the smaller
 * index (deterministic results).
 * @example
 * const heap = new TopKHeap(2);
 * heap.push(7, 0.1); heap.push(3, 0.9); heap.push(5, 0.5);
 * heap.sorted(); // [{ index: 3, score: 0.9 }, { index: 5, score: 0.5 }]
 */
export class TopKHeap {
  readonly k: number;
  #ids: Int32Array;
  #prio: Float64Array;
  #size = 0;

  constructor(k: number) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    this.k = k;
    this.#ids = new Int32Array(k);
    this.#prio = new Float64Array(k);
  }

  get size(): number {
    return this.#size;
  }

  /** The lowest priority kept (the bar a new item must beat once the heap is full); -Infinity before. */
  get threshold(): number {
    return this.#size < this.k ? -Infinity : this.#prio[0]!;
  }

  /** `a` ranks below `b`: lower priority, or equal priority and a larger index. */
  #below(pa: number, ia: number, pb: number, ib: number): boolean {
    return pa < pb || (pa === pb && ia > ib);
  }

  push(index: number, priority: number): void {
    const ids = this.#ids;
    const prio = this.#prio;
    if (this.#size < this.k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.#below(priority, index, prio[parent]!, ids[parent]!)) break;
        ids[i] = ids[parent]!;
        prio[i] = prio[parent]!;
        i = parent;
      }
      ids[i] = index;
      prio[i] = priority;
      return;
    }
    if (!this.#below(prio[0]!, ids[0]!, priority, index)) return;
    let i = 0;
    const n = this.#size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.#below(prio[r]!, ids[r]!, prio[l]!, ids[l]!) ? r : l;
      if (!this.#below(prio[c]!, ids[c]!, priority, index)) break;
      ids[i] = ids[c]!;
      prio[i] = prio[c]!;
      i = c;
    }
    ids[i] = index;
    prio[i] = priority;
  }

  /**
   * The kept items, best first. `score` maps a priority back to the caller's score (identity by default;
   * L2 search keeps `-distance` as priority and reports the distance).
   */
  sorted(score: (priority: number) => number = (p) => p): Hit[] {
    const items: { index: number; p: number }[] = [];
    for (let i = 0; i < this.#size; i++) items.push({ index: this.#ids[i]!, p: this.#prio[i]! });
    items.sort((a, b) => b.p - a.p || a.index - b.index);
    return items.map(({ index, p }) => ({ index, score: score(p) }));
  }
}
