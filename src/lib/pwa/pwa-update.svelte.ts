/** Applies the waiting service worker and reloads the page (from `virtual:pwa-register`). */
export type ApplyUpdate = (reloadPage?: boolean) => Promise<void>;

/**
 * State of the "new version available — reload" prompt.
 * A long-running job (a model download, a training run) calls `deferReload(reason)` and
 * the returned `release()` when done; a reload the learner asked for meanwhile waits until
 * every deferral is released, then happens by itself.
 */
export class PwaUpdate {
  updateAvailable = $state(false);
  offlineReady = $state(false);
  /** The learner asked to reload while a job held it off. */
  reloadRequested = $state(false);
  #reasons = $state<{ id: number; reason: string }[]>([]);
  #nextId = 1;
  #apply: ApplyUpdate | null = null;

  /** Reasons currently holding off a reload. */
  get deferredBy(): string[] {
    return this.#reasons.map((r) => r.reason);
  }

  attach(apply: ApplyUpdate): void {
    this.#apply = apply;
  }

  markUpdateAvailable(): void {
    this.updateAvailable = true;
  }

  markOfflineReady(): void {
    this.offlineReady = true;
  }

  deferReload(reason: string): () => void {
    const id = this.#nextId++;
    this.#reasons = [...this.#reasons, { id, reason }];
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#reasons = this.#reasons.filter((r) => r.id !== id);
      if (this.reloadRequested && this.#reasons.length === 0) void this.#reload();
    };
  }

  /** Reload into the new version now, or as soon as no job defers it. Returns whether it reloaded now. */
  async requestReload(): Promise<boolean> {
    this.reloadRequested = true;
    if (this.#reasons.length > 0) return false;
    await this.#reload();
    return true;
  }

  async #reload(): Promise<void> {
    if (this.#apply) await this.#apply(true);
    else globalThis.location?.reload();
  }
}

export const pwa = new PwaUpdate();
