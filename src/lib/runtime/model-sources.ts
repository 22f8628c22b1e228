import type { ModelManifest } from '../../../vite/model-files';
import { RuntimeError, describeError } from './errors';
import type { ModelStore, StoredFileInfo } from './model-store';
import { readBody } from './read-body';
import type { ModelRef, Progress } from './types';

/** Where a model's files come from, as the worker sees them. */
export interface ModelFiles {
  /** The model's files, or null when there is no such model (or a Hub model not downloaded yet). */
  list(): Promise<StoredFileInfo[] | null>;
  /** One file's bytes, or null when the model has no such file. */
  read(path: string, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<Uint8Array | null>;
}

/** The shipped models' manifest (`/models/manifest.json`), fetched once per worker. */
export class ShippedCatalog {
  readonly #base: string;
  readonly #fetch: typeof fetch;
  #manifest: Promise<ModelManifest> | null = null;

  constructor(modelsBase: string, doFetch: typeof fetch) {
    this.#base = modelsBase;
    this.#fetch = doFetch;
  }

  manifest(): Promise<ModelManifest> {
    this.#manifest ??= this.#fetch(`${this.#base}manifest.json`)
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return (await res.json()) as ModelManifest;
      })
      .catch((e: unknown) => {
        this.#manifest = null;
        throw new RuntimeError('internal', { detail: `cannot read the shipped models' manifest: ${describeError(e)}` });
      });
    return this.#manifest;
  }

  files(id: string): ModelFiles {
    return {
      list: async () => (await this.manifest()).models.find((m) => m.id === id)?.files ?? null,
      read: async (path, onProgress, signal) => {
        const res = await this.#fetch(`${this.#base}${encodeURIComponent(id)}/${path.split('/').map(encodeURIComponent).join('/')}`, { signal }).catch((e: unknown) => {
          if (signal?.aborted) throw new RuntimeError('cancelled');
          throw new RuntimeError('network', { file: path, detail: describeError(e) });
        });
        if (res.status === 404) return null;
        if (!res.ok) throw new RuntimeError('http-status', { file: path, status: res.status });
        return readBody(res, { file: path, stage: 'read', signal, onProgress });
      },
    };
  }
}

/** A model kept in the models database (Hub download or imported folder). */
export function storedFiles(ref: ModelRef, store: ModelStore): ModelFiles {
  return {
    list: async () => (await store.getModel(ref))?.files ?? null,
    read: async (path, onProgress, signal) => {
      if (signal?.aborted) throw new RuntimeError('cancelled');
      const bytes = await store.readFile(ref, path);
      if (signal?.aborted) throw new RuntimeError('cancelled');
      if (bytes) onProgress?.({ stage: 'read', file: path, done: bytes.byteLength, total: bytes.byteLength, bytes: bytes.byteLength });
      return bytes;
    },
  };
}
