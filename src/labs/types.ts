import type { Component } from 'svelte';

/** Props every lab component receives: the route's query string, decoded (`#/lab/attention?text=…`). */
export interface LabProps {
  query: Record<string, string>;
}

/**
 * What `src/labs/<id>/lab.ts` exports as `lab`. The shell discovers it by glob; no central registry.
 * @example
 * export const lab: LabModule = { id: 'attention', load: () => import('./AttentionLab.svelte') };
 */
export interface LabModule {
  /** Must equal the folder name and an id in curriculum.json → labs. */
  id: string;
  load: () => Promise<{ default: Component<LabProps> }>;
}
