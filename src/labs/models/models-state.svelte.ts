import type { ModelManifest } from '../../../vite/model-files';
import { asRuntimeError, RuntimeError } from '../../lib/runtime/errors';
import { normalizeFolder, validateModelFolder, type PickedFile } from '../../lib/runtime/model-folder';
import { formatModelRef, sameModelRef } from '../../lib/runtime/model-ref';
import type { ModelStore, StoredModel } from '../../lib/runtime/model-store';
import type { ModelInspection } from '../../lib/runtime/protocol';
import type { LoadOptions, ModelInfo, ModelRef, Progress, ProgressCallback } from '../../lib/runtime/types';

/** The slice of the runtime client the model manager uses. */
export interface ManagerRuntime {
  inspect(ref: ModelRef): Promise<ModelInspection>;
  load(ref: ModelRef, opts?: LoadOptions, onProgress?: ProgressCallback): Promise<ModelInfo>;
  unload(handle: string): Promise<void>;
  download(ref: ModelRef, opts?: LoadOptions, onProgress?: ProgressCallback, signal?: AbortSignal): Promise<ModelInspection>;
}

export interface ModelRow {
  ref: ModelRef;
  key: string;
  inspection: ModelInspection | null;
  error: RuntimeError | null;
  /** Bytes kept offline: the model database for Hub/local models, the service worker's cache for shipped ones. */
  cachedBytes: number | null;
  /** Sessions loaded from this page. */
  sessions: ModelInfo[];
  /** Load in progress. */
  progress: Progress | null;
}

export interface ModelsDeps {
  runtime: ManagerRuntime;
  store: ModelStore;
  fetchManifest: () => Promise<ModelManifest>;
  /** Bytes of a shipped model's files in Cache Storage (service-worker precache), or null if unknown. */
  shippedCachedBytes?: (id: string, files: { path: string; size: number }[]) => Promise<number | null>;
}

export type ImportResult = { ok: true; name: string; replaced: boolean; ignored: string[] } | { ok: false; problems: RuntimeError[] };

const ORDER = { shipped: 0, hub: 1, local: 2 } as const;

/**
 * The model manager's state: every model (shipped, downloaded from the Hub, imported from disk)
 * with what it can do, its sessions, and the actions on it. Rows are replaced, never mutated.
 */
export class ModelsState {
  rows = $state.raw<ModelRow[]>([]);
  listError = $state.raw<RuntimeError | null>(null);
  readonly #d: ModelsDeps;
  /** The Cancel of each load in progress, by row key. */
  readonly #loadAborts = new Map<string, AbortController>();

  constructor(deps: ModelsDeps) {
    this.#d = deps;
  }

  #update(key: string, patch: Partial<ModelRow>): void {
    this.rows = this.rows.map((r) => (r.key === key ? { ...r, ...patch } : r));
  }

  row(ref: ModelRef): ModelRow | undefined {
    return this.rows.find((r) => sameModelRef(r.ref, ref));
  }

  /** Lists every model and inspects each (files, dtypes, capabilities). */
  async refresh(): Promise<void> {
    // Either list may fail alone (no IndexedDB in a private window, no manifest offline); show the other.
    const [manifest, cached] = await Promise.allSettled([this.#d.fetchManifest().then((m) => m.models), this.#d.store.listModels()]);
    const shipped: ModelManifest['models'] = manifest.status === 'fulfilled' ? manifest.value : [];
    const stored: StoredModel[] = cached.status === 'fulfilled' ? cached.value : [];
    const failed = [manifest, cached].find((r) => r.status === 'rejected');
    this.listError = failed ? asRuntimeError(failed.reason) : null;
    const refs: { ref: ModelRef; cached: number | null }[] = [
      ...shipped.map((m) => ({ ref: { source: 'shipped' as const, id: m.id }, cached: null })),
      ...stored.map((m) => ({ ref: m.ref, cached: m.totalBytes })),
    ].sort((a, b) => ORDER[a.ref.source] - ORDER[b.ref.source] || a.ref.id.localeCompare(b.ref.id));
    this.rows = refs.map(({ ref, cached }) => {
      const prev = this.row(ref);
      return { ref, key: formatModelRef(ref), inspection: null, error: null, cachedBytes: cached, sessions: prev?.sessions ?? [], progress: null };
    });
    await Promise.all(this.rows.map((r) => this.#inspect(r.ref, shipped.find((m) => m.id === r.ref.id && r.ref.source === 'shipped')?.files)));
  }

  async #inspect(ref: ModelRef, shippedFiles?: { path: string; size: number }[]): Promise<void> {
    const key = formatModelRef(ref);
    try {
      const inspection = await this.#d.runtime.inspect(ref);
      this.#update(key, { inspection, error: null });
    } catch (e) {
      this.#update(key, { error: asRuntimeError(e) });
    }
    if (shippedFiles && this.#d.shippedCachedBytes) {
      const cached = await this.#d.shippedCachedBytes(ref.id, shippedFiles).catch(() => null);
      this.#update(key, { cachedBytes: cached });
    }
  }

  /** Loads a model from its card; `cancelLoad` stops it and leaves the row as it was. */
  async load(ref: ModelRef, opts?: LoadOptions): Promise<ModelInfo | null> {
    const key = formatModelRef(ref);
    const before = this.row(ref)?.error ?? null;
    const abort = new AbortController();
    this.#loadAborts.get(key)?.abort();
    this.#loadAborts.set(key, abort);
    this.#update(key, { progress: { done: 0, total: 1, stage: 'read' }, error: null });
    const mine = () => this.#loadAborts.get(key) === abort;
    try {
      const info = await this.#d.runtime.load(ref, { ...opts, signal: abort.signal }, (p) => mine() && this.#update(key, { progress: p }));
      const row = this.row(ref);
      const sessions = row?.sessions.some((s) => s.handle === info.handle) ? row.sessions : [...(row?.sessions ?? []), info];
      this.#update(key, { sessions, progress: null });
      return info;
    } catch (e) {
      const err = asRuntimeError(e);
      if (err.kind === 'cancelled') {
        if (mine()) this.#update(key, { error: before, progress: null });
      } else this.#update(key, { error: err, progress: null });
      return null;
    } finally {
      if (mine()) this.#loadAborts.delete(key);
    }
  }

  /** Cancels the load in progress on a row (downloads, reads and session creation stop in the worker). */
  cancelLoad(ref: ModelRef): void {
    this.#loadAborts.get(formatModelRef(ref))?.abort();
  }

  async unload(ref: ModelRef, handle: string): Promise<void> {
    await this.#d.runtime.unload(handle);
    const row = this.row(ref);
    if (row) this.#update(row.key, { sessions: row.sessions.filter((s) => s.handle !== handle) });
  }

  /** Forgets sessions after a worker crash (their handles are stale). */
  dropSessions(): void {
    this.rows = this.rows.map((r) => (r.sessions.length > 0 ? { ...r, sessions: [] } : r));
  }

  /** Deletes a Hub or local model from the cache (unloading its sessions first). */
  async remove(ref: ModelRef): Promise<void> {
    if (ref.source === 'shipped') throw new RangeError('shipped models cannot be deleted');
    const row = this.row(ref);
    for (const s of row?.sessions ?? []) await this.#d.runtime.unload(s.handle).catch(() => undefined);
    await this.#d.store.deleteModel(ref);
    this.rows = this.rows.filter((r) => !sameModelRef(r.ref, ref));
  }

  /** Downloads a Hub model into the cache (with progress), then lists it. */
  async downloadHub(id: string, onProgress: ProgressCallback, signal?: AbortSignal): Promise<ModelInspection> {
    const ref: ModelRef = { source: 'hub', id };
    const inspection = await this.#d.runtime.download(ref, undefined, onProgress, signal);
    await this.refresh();
    return inspection;
  }

  /**
   * Validates a picked folder and stores it as a local model in one transaction (replacing a
   * local model of the same name). Nothing is stored when any problem is found.
   */
  async importFolder(picked: PickedFile[], fallbackName: string): Promise<ImportResult> {
    const { ok, problems } = await validateModelFolder(normalizeFolder(picked, fallbackName));
    if (!ok) return { ok: false, problems };
    const ref: ModelRef = { source: 'local', id: ok.name };
    const existing = this.row(ref);
    try {
      await this.#d.store.putModel(ref, ok.files, { replace: true });
    } catch (e) {
      return { ok: false, problems: [asRuntimeError(e)] };
    }
    for (const s of existing?.sessions ?? []) await this.#d.runtime.unload(s.handle).catch(() => undefined);
    await this.refresh();
    return { ok: true, name: ok.name, replaced: existing !== undefined, ignored: ok.ignored };
  }
}
