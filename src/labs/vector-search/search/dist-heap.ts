/**
 * A growable binary min-heap of (id, key) pairs on typed arrays, for HNSW's candidate and result
 * queues. A max-heap on distance is this heap with `key = -distance`.
 */
export class DistHeap {
  ids: Int32Array;
  keys: Float64Array;
  size = 0;

  constructor(capacity = 64) {
    this.ids = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  get topId(): number {
    return this.ids[0]!;
  }

  get topKey(): number {
    return this.keys[0]!;
  }

  push(id: number, key: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.ids = ids;
      this.keys = keys;
    }
    const ids = this.ids;
    const keys = this.keys;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      ids[i] = ids[p]!;
      keys[i] = keys[p]!;
      i = p;
    }
    ids[i] = id;
    keys[i] = key;
  }

  /** Removes the smallest key; read `topId`/`topKey` before calling. */
  pop(): void {
    const n = --this.size;
    if (n <= 0) return;
    const ids = this.ids;
    const keys = this.keys;
    const id = ids[n]!;
    const key = keys[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && keys[r]! < keys[l]! ? r : l;
      if (keys[c]! >= key) break;
      ids[i] = ids[c]!;
      keys[i] = keys[c]!;
      i = c;
    }
    ids[i] = id;
    keys[i] = key;
  }
}
