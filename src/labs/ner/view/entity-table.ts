/** Filtering and sorting of the entity table. */
import type { Entity } from '../decode/entity-spans';

export type SortKey = 'text' | 'type' | 'start' | 'end' | 'score';

export interface TableQuery {
  /** Types to show; empty shows all. */
  types: readonly string[];
  minScore: number;
  sort: SortKey;
  descending: boolean;
}

export function filterSortEntities(entities: readonly Entity[], q: TableQuery): Entity[] {
  const rows = entities.filter((e) => e.score >= q.minScore && (q.types.length === 0 || q.types.includes(e.type)));
  const dir = q.descending ? -1 : 1;
  const cmp = (a: Entity, b: Entity): number => {
    const x = a[q.sort];
    const y = b[q.sort];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * dir || a.start - b.start;
  };
  return rows.sort(cmp);
}
