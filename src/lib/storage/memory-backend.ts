/**
 * The fallback when IndexedDB is missing or refuses to open (some private modes): the same
 * contract as `IdbBackend`, kept in this tab's memory, so the app works and says that nothing
 * will survive a reload. Records are stored as structured clones, as IndexedDB would store them.
 */
import { checkMeta, checkRecords, emptyLoad } from './checked-load';
import { defaultTopicRecord, topicRecord, type Experiment, type NoteRecord, type TopicKey, type TopicRecord } from './records';
import type { LoadedSnapshot, MetaEntries, StorageBackend, StorageSnapshot } from './storage-backend';
import { validate, type Check } from './validate';

type Stores = { [S in keyof StorageSnapshot]: Map<string, unknown> };

const STORE_KEY = {
  topics: (r: TopicRecord) => r.key,
  notes: (r: NoteRecord) => r.key,
  experiments: (r: Experiment) => r.id,
} as const;

/** Entries sorted by key, as IndexedDB returns string keys (UTF-16 code unit order). */
function inKeyOrder(store: Map<string, unknown>): [string, unknown][] {
  return [...store].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export class MemoryBackend implements StorageBackend {
  readonly persistent = false;
  #stores: Stores = { topics: new Map(), notes: new Map(), experiments: new Map() };
  #meta = new Map<string, unknown>();

  async load(): Promise<LoadedSnapshot> {
    const loaded = emptyLoad();
    loaded.topics = checkRecords('topics', inKeyOrder(this.#stores.topics), loaded.damaged);
    loaded.notes = checkRecords('notes', inKeyOrder(this.#stores.notes), loaded.damaged);
    loaded.experiments = checkRecords('experiments', inKeyOrder(this.#stores.experiments), loaded.damaged);
    return structuredClone(loaded);
  }

  async loadSome(keys: readonly TopicKey[], experimentIds: readonly string[]): Promise<LoadedSnapshot> {
    const pick = (store: Map<string, unknown>, ids: readonly string[]) =>
      ids.flatMap((id) => (store.has(id) ? [[id, store.get(id)] as const] : []));
    const loaded = emptyLoad();
    loaded.topics = checkRecords('topics', pick(this.#stores.topics, keys), loaded.damaged);
    loaded.notes = checkRecords('notes', pick(this.#stores.notes, keys), loaded.damaged);
    loaded.experiments = checkRecords('experiments', pick(this.#stores.experiments, experimentIds), loaded.damaged);
    return structuredClone(loaded);
  }

  async updateTopics(keys: readonly TopicKey[], change: (current: TopicRecord) => TopicRecord): Promise<TopicRecord[]> {
    const staged = new Map<string, TopicRecord>();
    for (const key of keys) {
      const stored = staged.get(key) ?? this.#stores.topics.get(key);
      const checked = stored === undefined ? null : validate(topicRecord, structuredClone(stored), key);
      staged.set(key, structuredClone(change(checked?.ok ? checked.value : defaultTopicRecord(key))));
    }
    for (const [key, record] of staged) this.#stores.topics.set(key, record);
    return keys.map((key) => structuredClone(staged.get(key) as TopicRecord));
  }

  async putNote(note: NoteRecord): Promise<void> {
    this.#stores.notes.set(note.key, structuredClone(note));
  }

  async putExperiment(experiment: Experiment): Promise<void> {
    this.#stores.experiments.set(experiment.id, structuredClone(experiment));
  }

  async deleteExperiment(id: string): Promise<void> {
    this.#stores.experiments.delete(id);
  }

  async rewrite(next: (current: StorageSnapshot) => StorageSnapshot, replace: boolean): Promise<void> {
    const current = await this.load();
    const result = next(current);
    // Build the new stores completely before swapping them in, so a failure changes nothing.
    const staged: Stores = replace
      ? { topics: new Map(), notes: new Map(), experiments: new Map() }
      : { topics: new Map(this.#stores.topics), notes: new Map(this.#stores.notes), experiments: new Map(this.#stores.experiments) };
    for (const r of result.topics) staged.topics.set(STORE_KEY.topics(r), structuredClone(r));
    for (const r of result.notes) staged.notes.set(STORE_KEY.notes(r), structuredClone(r));
    for (const r of result.experiments) staged.experiments.set(STORE_KEY.experiments(r), structuredClone(r));
    this.#stores = staged;
  }

  async getMeta<K extends keyof MetaEntries & string>(key: K, check: Check<MetaEntries[K]>): Promise<MetaEntries[K] | undefined> {
    return checkMeta(key, structuredClone(this.#meta.get(key)), check);
  }

  async setMeta<K extends keyof MetaEntries & string>(key: K, value: MetaEntries[K]): Promise<void> {
    this.#meta.set(key, structuredClone(value));
  }

  async deleteMeta(key: keyof MetaEntries & string): Promise<void> {
    this.#meta.delete(key);
  }

  close(): void {}
}
