export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'ok' | 'warn' | 'bad';
}

/** Short-lived messages ("Saved", "Import failed: …"), shown by `<Toasts />` in an aria-live region. */
export class ToastQueue {
  items = $state<Toast[]>([]);
  #next = 1;
  #setTimeout: (fn: () => void, ms: number) => unknown;

  constructor(setTimeoutFn: (fn: () => void, ms: number) => unknown = (fn, ms) => setTimeout(fn, ms)) {
    this.#setTimeout = setTimeoutFn;
  }

  show(message: string, tone: Toast['tone'] = 'info', ms = 4000): number {
    const id = this.#next++;
    this.items = [...this.items, { id, message, tone }];
    this.#setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new ToastQueue();
