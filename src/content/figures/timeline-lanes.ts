/**
 * Label packing for timeline figures: put each label in the lowest lane where it does not
 * overlap the labels already there (greedy interval partitioning, optimal in lane count).
 *
 * @example
 * assignLanes([{ start: 0, end: 10 }, { start: 5, end: 12 }, { start: 11, end: 20 }]) // [0, 1, 0]
 */
export interface LaneItem {
  start: number;
  end: number;
}

/**
 * Lane index for each item, in input order. Items are placed by ascending `start` (ties keep
 * input order); an item fits a lane when the lane's last `end` plus `gap` is ≤ its `start`.
 */
export function assignLanes(items: readonly LaneItem[], gap = 0): number[] {
  if (!Number.isFinite(gap) || gap < 0) throw new RangeError(`invalid gap: ${gap}`);
  items.forEach(({ start, end }, i) => {
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      throw new RangeError(`invalid item ${i}: [${start}, ${end}]`);
    }
  });
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.start - items[b]!.start || a - b);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(items.length);
  for (const i of order) {
    const { start, end } = items[i]!;
    let lane = laneEnds.findIndex((laneEnd) => laneEnd + gap <= start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = end;
    lanes[i] = lane;
  }
  return lanes;
}

/**
 * Rough rendered width of a one-line label in a sans-serif font, for layout before the text
 * exists in the DOM: CJK characters are about one em wide, other characters about 0.58 em.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  if (!Number.isFinite(fontSize) || fontSize <= 0) throw new RangeError(`invalid fontSize: ${fontSize}`);
  let ems = 0;
  for (const ch of text) ems += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.58;
  return ems * fontSize;
}
