/**
 * The lab's timing measures, readable from the browser (`performance.getEntriesByName(…)`):
 * `attention:head-view` and `attention:model-view` (from the model output, or from the view appearing
 * when later, to the end of drawing) and `attention:hover` (pointer on a token → lines redrawn).
 */
export type AttentionMeasure = 'attention:head-view' | 'attention:model-view' | 'attention:hover';

/** Records `name` from `start` (a `performance.now()` time) to now; returns the duration in ms. */
export function measureSince(name: AttentionMeasure, start: number): number {
  const end = performance.now();
  performance.measure(name, { start, end });
  return end - start;
}
