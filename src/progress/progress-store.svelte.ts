/**
 * The learner's progress, reactive: topics visited, time spent, quiz attempts, notes and saved
 * lab experiments, kept in IndexedDB (or in memory where that fails), shared live with the app's
 * other tabs, exportable to a file and importable from one.
 *
 * The store opens storage on first use; `await progress.ready` before relying on loaded data.
 * Reads (`topic`, `experiments`, `recent`, …) are reactive: use them in `$derived` or markup.
 *
 * @example
 * progress.visit('2/transformer');
 * const t = $derived(progress.topic('2/transformer'));   // t.status, t.bestScore, t.notes …
 * await progress.recordQuiz('2/transformer', { at: Date.now(), score: 4, total: 4, answers });
 */
import { SvelteMap } from 'svelte/reactivity';
import { MemoryBackend } from '../lib/storage/memory-backend';
import { storage as sharedStorage, type OpenedStorage } from '../lib/storage/open-storage';
import { requestPersistenceOnce, storageEstimate } from '../lib/storage/persistence';
import {
  TOPIC_STATUSES,
  defaultTopicRecord,
  experiment as experimentCheck,
  isTopicKey,
  notesMarkdown,
  quizAttempt,
  type Experiment,
  type NoteRecord,
  type QuizAttempt,
  type TopicKey,
  type TopicProgress,
  type TopicRecord,
  type TopicStatus,
} from '../lib/storage/records';
import { StorageFullError, type ConnectionEvent, type DamagedRecord, type LoadedSnapshot, type StorageBackend } from '../lib/storage/storage-backend';
import { validate, type Check } from '../lib/storage/validate';
import { buildExport, snapshotOf, validateImport, validateImportFile, type ImportValidation, type ProgressExport } from './export-format';
import { mergeSnapshots } from './merge';
import { flushWhenHidden, PendingTime } from './pending-time';
import { withDefaults, type ProgressStoreOptions, type ResolvedOptions } from './store-options';
import { recordQuizAttempt } from './topic-changes';
import type { SyncChannel, SyncMessage } from './sync-channel';

export type { Experiment, QuizAttempt, TopicKey, TopicProgress, TopicStatus } from '../lib/storage/records';
export type { DamagedRecord } from '../lib/storage/storage-backend';
export type { ImportSummary, ImportValidation, ProgressExport } from './export-format';
export type { ProgressStoreOptions } from './store-options';

/** `idle` until first use; `open` while saving works; the others need the UI to say something. */
export type ConnectionState = 'idle' | 'opening' | 'blocked' | 'open' | ConnectionEvent;

export interface NewExperiment {
  labId: string;
  title: string;
  input: unknown;
  summary: string;
  output?: unknown;
}

function check<T>(c: Check<T>, value: unknown, path: string): T {
  const result = validate(c, value, path);
  if (!result.ok) throw result.error;
  return result.value;
}

function assertKey(key: string): asserts key is TopicKey {
  if (!isTopicKey(key)) throw new RangeError(`invalid topic key "${key}": expected "<stage>/<slug>", e.g. "2/transformer"`);
}

export class ProgressStore {
  #topics = new SvelteMap<TopicKey, TopicRecord>();
  #notes = new SvelteMap<TopicKey, NoteRecord>();
  /** Newest first. */
  #experiments = $state.raw<Experiment[]>([]);
  #persistent = $state(true);
  #connection = $state<ConnectionState>('idle');
  #fallbackReason = $state<string | null>(null);
  #damaged = $state.raw<DamagedRecord[]>([]);
  #lastError = $state<string | null>(null);
  #storageFull = $state(false);

  #options: ResolvedOptions;
  #ready: Promise<void> | null = null;
  #backend: StorageBackend | null = null;
  #channel: SyncChannel | null = null;
  #pendingTime: PendingTime;
  #persistRequested = false;
  #teardown: (() => void)[] = [];

  constructor(options: ProgressStoreOptions = {}) {
    this.#options = withDefaults(options);
    this.#pendingTime = new PendingTime(this.#options.timeFlushMs, () => this.flush().catch((e) => this.#report(e)));
  }

  /** Resolves once storage is open and loaded (on the fallback too); never rejects. */
  get ready(): Promise<void> {
    this.#ready ??= this.#init();
    return this.#ready;
  }

  /** False when progress lives only in this tab's memory and will be lost on reload. */
  get persistent(): boolean {
    void this.ready;
    return this.#persistent;
  }

  get connection(): ConnectionState {
    return this.#connection;
  }

  /** Why IndexedDB is not used, when it is not. */
  get fallbackReason(): string | null {
    return this.#fallbackReason;
  }

  /** Stored records that failed their check on read and were skipped. */
  get damaged(): readonly DamagedRecord[] {
    return this.#damaged;
  }

  /** The latest failed background write (visit, addTime), for the UI to show. */
  get lastError(): string | null {
    return this.#lastError;
  }

  /** True while the latest write was refused for lack of space (until a write succeeds again). */
  get storageFull(): boolean {
    return this.#storageFull;
  }

  async #init(): Promise<void> {
    await Promise.resolve(); // first use may come from inside a $derived, where state must not change
    this.#connection = 'opening';
    const handle = this.#options.storage ?? sharedStorage;
    this.#teardown.push(handle.subscribe((event) => this.#onConnectionEvent(event)));
    let opened: OpenedStorage;
    try {
      opened = await handle.open();
    } catch (error) {
      // openStorage() itself never rejects; an injected opener might. Keep working, in memory.
      opened = { backend: new MemoryBackend(), database: null, fallbackReason: error instanceof Error ? error.message : String(error) };
    }
    this.#backend = opened.backend;
    this.#persistent = opened.backend.persistent;
    this.#fallbackReason = opened.fallbackReason;
    if (this.#connection === 'opening' || this.#connection === 'blocked') this.#connection = 'open';
    try {
      this.#replaceAll(await opened.backend.load());
    } catch (error) {
      this.#report(error);
    }
    if (opened.backend.persistent && this.#options.channel) {
      this.#channel = this.#options.channel((message) => void this.#onSync(message).catch((e) => this.#report(e)));
    }
    const lifecycle = this.#options.lifecycle;
    if (lifecycle) this.#teardown.push(flushWhenHidden(lifecycle, () => void this.flush().catch((e) => this.#report(e))));
  }

  #onConnectionEvent(event: ConnectionEvent): void {
    // `blocked` is a wait: the open resolves once the older tab lets go.
    if (event !== 'blocked' || this.#connection === 'opening') this.#connection = event;
  }

  async #backendReady(): Promise<StorageBackend> {
    await this.ready;
    if (!this.#backend) throw new Error('progress storage did not open');
    return this.#backend;
  }

  /** Awaits a storage write, noting whether the browser refused it for lack of space. */
  async #write<T>(write: Promise<T>): Promise<T> {
    try {
      const result = await write;
      this.#storageFull = false;
      return result;
    } catch (error) {
      if (error instanceof StorageFullError) this.#storageFull = true;
      throw error;
    }
  }

  #report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#lastError = message;
    console.error('Progress could not be saved or loaded:', message);
  }

  #replaceAll(loaded: LoadedSnapshot): void {
    this.#topics.clear();
    for (const t of loaded.topics) this.#setTopic(t);
    this.#notes.clear();
    for (const n of loaded.notes) this.#notes.set(n.key, n);
    this.#experiments = [...loaded.experiments].sort((a, b) => b.createdAt - a.createdAt);
    this.#addDamaged(loaded.damaged, true);
  }

  #addDamaged(found: DamagedRecord[], replace = false): void {
    if (found.length === 0 && !replace) return;
    for (const d of found) console.warn(`Skipped a damaged ${d.store} record (${d.key}): ${d.problem}`);
    const known = replace ? [] : this.#damaged;
    const fresh = found.filter((d) => !known.some((k) => k.store === d.store && k.key === d.key));
    this.#damaged = [...known, ...fresh];
  }

  /** Shows a stored record plus the time still waiting to be written. */
  #setTopic(record: TopicRecord): void {
    const pending = this.#pendingTime.of(record.key);
    this.#topics.set(record.key, pending === 0 ? record : { ...record, timeSpentMs: record.timeSpentMs + pending });
  }

  /** Applies `change` here at once, then in storage (read-modify-write there), then tells other tabs. */
  async #changeTopics(keys: TopicKey[], change: (current: TopicRecord) => TopicRecord): Promise<void> {
    for (const key of keys) this.#topics.set(key, change(this.#topics.get(key) ?? defaultTopicRecord(key)));
    const backend = await this.#backendReady();
    const stored = await this.#write(backend.updateTopics(keys, change));
    for (const record of stored) this.#setTopic(record);
    this.#afterWrite({ type: 'topics', keys });
  }

  #afterWrite(message: SyncMessage): void {
    this.#channel?.post(message);
    if (!this.#persistRequested) {
      this.#persistRequested = true;
      const backend = this.#backend;
      if (backend) void requestPersistenceOnce(backend, this.#options.storageManager, this.#options.now).catch(() => {});
    }
  }

  async #onSync(message: SyncMessage): Promise<void> {
    const backend = this.#backend;
    if (!backend || this.#connection !== 'open') return;
    if (message.type === 'reset') {
      this.#replaceAll(await backend.load());
      return;
    }
    const keys = message.type === 'topics' ? message.keys : [];
    const ids = message.type === 'experiments' ? message.ids : [];
    const loaded = await backend.loadSome(keys, ids);
    for (const key of keys) {
      const topic = loaded.topics.find((t) => t.key === key);
      if (topic) this.#setTopic(topic);
      else this.#topics.delete(key);
      const note = loaded.notes.find((n) => n.key === key);
      if (note) this.#notes.set(key, note);
      else this.#notes.delete(key);
    }
    if (ids.length > 0) {
      const others = this.#experiments.filter((e) => !ids.includes(e.id));
      this.#experiments = [...others, ...loaded.experiments].sort((a, b) => b.createdAt - a.createdAt);
    }
    this.#addDamaged(loaded.damaged);
  }

  /** The topic's progress (a default record when there is none yet). */
  topic(key: TopicKey): TopicProgress {
    void this.ready;
    const record = this.#topics.get(key) ?? defaultTopicRecord(key);
    return { ...record, notes: this.#notes.get(key)?.markdown ?? '' };
  }

  /** Marks the topic visited now; a not-started topic becomes in-progress. */
  visit(key: TopicKey): void {
    assertKey(key);
    const at = this.#options.now();
    this.#changeTopics([key], (t) => ({
      ...t,
      lastVisited: at,
      status: t.status === 'not-started' ? 'in-progress' : t.status,
    })).catch((e) => this.#report(e));
  }

  /** Adds reading time; shown at once, written in batches (and when the page is hidden). */
  addTime(key: TopicKey, ms: number): void {
    assertKey(key);
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`invalid time ${ms}: expected milliseconds ≥ 0`);
    const delta = Math.round(ms);
    if (delta === 0) return;
    const current = this.#topics.get(key) ?? defaultTopicRecord(key);
    this.#topics.set(key, { ...current, timeSpentMs: current.timeSpentMs + delta });
    this.#pendingTime.add(key, delta);
  }

  /** Writes the time `addTime` is still holding. */
  async flush(): Promise<void> {
    const pending = this.#pendingTime.take();
    if (pending.size === 0) return;
    const backend = await this.#backendReady();
    const stored = await this.#write(backend.updateTopics([...pending.keys()], (t) => ({
      ...t,
      timeSpentMs: t.timeSpentMs + (pending.get(t.key) ?? 0),
    })));
    for (const record of stored) this.#setTopic(record);
    this.#afterWrite({ type: 'topics', keys: [...pending.keys()] });
  }

  /** Adds a quiz attempt; keeps the best score; full marks make the topic done. */
  async recordQuiz(key: TopicKey, attempt: QuizAttempt): Promise<void> {
    assertKey(key);
    const checked = check(quizAttempt, attempt, 'attempt');
    await this.#changeTopics([key], (t) => recordQuizAttempt(t, checked));
  }

  async setStatus(key: TopicKey, status: TopicStatus): Promise<void> {
    assertKey(key);
    if (!TOPIC_STATUSES.includes(status)) throw new RangeError(`invalid status "${status}"`);
    await this.#changeTopics([key], (t) => ({ ...t, status }));
  }

  /** Saves the topic's Markdown notes as they are (the editor debounces its calls). */
  async saveNotes(key: TopicKey, markdown: string): Promise<void> {
    assertKey(key);
    const note: NoteRecord = { key, markdown: check(notesMarkdown, markdown, 'notes'), updatedAt: this.#options.now() };
    this.#notes.set(key, note);
    const backend = await this.#backendReady();
    await this.#write(backend.putNote(note));
    this.#afterWrite({ type: 'topics', keys: [key] });
  }

  /** Saves a lab run; `input` and `output` must be plain JSON. Returns the new id. */
  async saveExperiment(fields: NewExperiment): Promise<string> {
    const { output, ...rest } = fields;
    const candidate = { ...rest, ...(output === undefined ? {} : { output }) };
    const record = check(experimentCheck, { ...candidate, id: this.#options.newId(), createdAt: this.#options.now() }, 'experiment');
    const backend = await this.#backendReady();
    await this.#write(backend.putExperiment(record));
    this.#experiments = [record, ...this.#experiments.filter((e) => e.id !== record.id)];
    this.#afterWrite({ type: 'experiments', ids: [record.id] });
    return record.id;
  }

  /** Saved experiments, newest first; only the given lab's when `labId` is set. */
  experiments(labId?: string): Experiment[] {
    void this.ready;
    return labId === undefined ? this.#experiments : this.#experiments.filter((e) => e.labId === labId);
  }

  getExperiment(id: string): Experiment | undefined {
    void this.ready;
    return this.#experiments.find((e) => e.id === id);
  }

  async deleteExperiment(id: string): Promise<void> {
    const backend = await this.#backendReady();
    await backend.deleteExperiment(id);
    this.#experiments = this.#experiments.filter((e) => e.id !== id);
    this.#afterWrite({ type: 'experiments', ids: [id] });
  }

  /** The `n` most recently visited topics, latest first. */
  recent(n: number): TopicProgress[] {
    void this.ready;
    return [...this.#topics.values()]
      .filter((t) => t.lastVisited !== null)
      .sort((a, b) => (b.lastVisited ?? 0) - (a.lastVisited ?? 0))
      .slice(0, Math.max(0, n))
      .map((t) => this.topic(t.key));
  }

  /** All progress and experiments as a JSON file (see export-format.ts). */
  async exportJSON(): Promise<Blob> {
    await this.flush();
    const backend = await this.#backendReady();
    const data = buildExport(await backend.load(), new Date(this.#options.now()));
    return new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  }

  validateImport(text: string): ImportValidation {
    return validateImport(text);
  }

  /** Checks a picked file: its size before reading it, its encoding, then its content. */
  validateImportFile(file: { size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<ImportValidation> {
    return validateImportFile(file);
  }

  /**
   * Imports a checked file (see merge.ts for what `merge` keeps) in one transaction: if
   * anything fails, nothing changes, here or in storage.
   */
  async importData(data: ProgressExport, mode: 'merge' | 'replace'): Promise<void> {
    if (mode !== 'merge' && mode !== 'replace') throw new RangeError(`invalid import mode "${mode}"`);
    await this.flush();
    const backend = await this.#backendReady();
    const incoming = snapshotOf(data);
    await this.#write(backend.rewrite((current) => (mode === 'merge' ? mergeSnapshots(current, incoming) : incoming), mode === 'replace'));
    this.#replaceAll(await backend.load());
    this.#afterWrite({ type: 'reset' });
  }

  /** True when nothing has been recorded yet. */
  isEmpty(): boolean {
    void this.ready;
    return this.#topics.size === 0 && this.#notes.size === 0 && this.#experiments.length === 0;
  }

  /** Deletes all progress, notes and experiments (settings and saved API keys stay). */
  async clearAll(): Promise<void> {
    this.#pendingTime.take(); // about to be deleted anyway
    const backend = await this.#backendReady();
    await this.#write(backend.rewrite(() => ({ topics: [], notes: [], experiments: [] }), true));
    this.#replaceAll({ topics: [], notes: [], experiments: [], damaged: [] });
    this.#afterWrite({ type: 'reset' });
  }

  storageEstimate(): Promise<{ usage: number; quota: number } | null> {
    return storageEstimate(this.#options.storageManager);
  }

  /** Writes pending time and stops listening (tests, or a page tearing down). */
  async dispose(): Promise<void> {
    if (this.#ready) await this.#ready;
    await this.flush().catch((e) => this.#report(e));
    this.#channel?.close();
    this.#channel = null;
    for (const undo of this.#teardown.splice(0)) undo();
  }
}

export const progress = new ProgressStore();
