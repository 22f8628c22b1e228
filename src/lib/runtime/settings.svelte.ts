import { DEFAULT_HUB_BASE_URL } from './hub-download';
import type { Backend, DType, RuntimeSettingsValue } from './types';

const KEY = 'llm-lab.runtime.settings';
const BACKENDS = ['auto', 'wasm', 'webgpu'] as const;
const DTYPES = ['auto', 'fp32', 'q8'] as const;

type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

function readStored(storage: Store): Partial<RuntimeSettingsValue> {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as Record<string, unknown>;
    return {
      ...(BACKENDS.includes(raw.backend as never) ? { backend: raw.backend as RuntimeSettingsValue['backend'] } : {}),
      ...(DTYPES.includes(raw.dtype as never) ? { dtype: raw.dtype as RuntimeSettingsValue['dtype'] } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * The learner's forced backend and dtype (`auto` = let the runtime decide), persisted in
 * localStorage; reactive. `hubBaseUrl` (not persisted) points Hub downloads elsewhere, for tests.
 */
export class RuntimeSettings {
  #backend = $state<'auto' | Backend>('auto');
  #dtype = $state<'auto' | DType>('auto');
  hubBaseUrl = $state(DEFAULT_HUB_BASE_URL);
  readonly #storage: Store;

  constructor(storage: Store = globalThis.localStorage ?? null) {
    this.#storage = storage;
    const s = readStored(storage);
    if (s.backend) this.#backend = s.backend;
    if (s.dtype) this.#dtype = s.dtype;
  }

  get backend(): 'auto' | Backend {
    return this.#backend;
  }
  set backend(v: 'auto' | Backend) {
    if (!BACKENDS.includes(v)) throw new RangeError(`invalid backend: ${v}`);
    this.#backend = v;
    this.#persist();
  }

  get dtype(): 'auto' | DType {
    return this.#dtype;
  }
  set dtype(v: 'auto' | DType) {
    if (!DTYPES.includes(v)) throw new RangeError(`invalid dtype: ${v}`);
    this.#dtype = v;
    this.#persist();
  }

  #persist(): void {
    try {
      this.#storage?.setItem(KEY, JSON.stringify({ backend: this.#backend, dtype: this.#dtype }));
    } catch {
      /* storage full or denied: the choice holds for this visit */
    }
  }
}
