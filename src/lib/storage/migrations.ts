/**
 * The IndexedDB schema history, one entry per version. The database version is the length of
 * `migrations`; opening runs every entry above the version the browser already has, in order,
 * inside the one `versionchange` transaction (so a failing step leaves the old version intact).
 *
 * Adding a store for a lab (vector collections, model cache records, benchmark history) is one
 * new entry at the end of `migrations`: see "IndexedDB schema" in docs/ARCHITECTURE.md.
 * Never edit or reorder a released entry; browsers out there have already run it.
 */
import type { LabDB, UpgradeTransaction } from './db';
import type { TopicRecord } from './records';
import { isPlainObject } from './validate';

export interface MigrationContext {
  /** The time of this upgrade (ms since the epoch), for fields a migration has to invent. */
  now: number;
}

export interface Migration {
  /** 1 for the first entry, 2 for the second, … (checked when the database opens). */
  version: number;
  description: string;
  /**
   * Creates or changes stores and indexes and rewrites records. It may await requests of `tx`
   * but nothing else (awaiting anything else lets the transaction commit early).
   */
  upgrade(db: LabDB, tx: UpgradeTransaction, context: MigrationContext): void | Promise<void>;
}

/** v1: topics (notes inline, no time tracking), experiments without indexes, meta. */
export const v1Initial: Migration = {
  version: 1,
  description: 'topics, experiments and meta stores',
  upgrade(db) {
    db.createObjectStore('topics', { keyPath: 'key' });
    db.createObjectStore('experiments', { keyPath: 'id' });
    db.createObjectStore('meta');
  },
};

/**
 * v2: notes move to their own store (so autosaving notes never rewrites a topic's quiz history),
 * topics gain `timeSpentMs`, experiments gain the `by-lab` and `by-created` indexes.
 */
export const v2NotesAndTime: Migration = {
  version: 2,
  description: 'notes store, topics.timeSpentMs, experiments by-lab and by-created indexes',
  async upgrade(db, tx, { now }) {
    db.createObjectStore('notes', { keyPath: 'key' });
    const experiments = tx.objectStore('experiments');
    experiments.createIndex('by-lab', 'labId');
    experiments.createIndex('by-created', 'createdAt');
    const notes = tx.objectStore('notes');
    let cursor = await tx.objectStore('topics').openCursor();
    while (cursor) {
      const old: unknown = cursor.value;
      // A value that is not even an object is left for the read-time check to report.
      if (isPlainObject(old)) {
        const { notes: markdown, ...topic } = old;
        if (typeof markdown === 'string' && markdown !== '') {
          const updatedAt = typeof topic.lastVisited === 'number' ? topic.lastVisited : now;
          await notes.put({ key: cursor.key, markdown, updatedAt });
        }
        const timeSpentMs = typeof topic.timeSpentMs === 'number' ? topic.timeSpentMs : 0;
        // The stored value keeps whatever else it had; the read-time check judges the rest.
        await cursor.update({ ...topic, timeSpentMs } as unknown as TopicRecord);
      }
      cursor = await cursor.continue();
    }
  },
};

export const migrations: readonly Migration[] = [v1Initial, v2NotesAndTime];

/** Throws unless the entries are numbered 1, 2, 3, … in order. */
export function checkMigrations(list: readonly Migration[]): void {
  if (list.length === 0) throw new RangeError('no migrations: the database needs at least one version');
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new RangeError(`migration "${m.description}" has version ${m.version}, expected ${i + 1}`);
    }
  });
}
