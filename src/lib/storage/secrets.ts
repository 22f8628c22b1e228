/**
 * API keys for labs that call a remote model at the learner's request: kept only in this
 * browser (the IndexedDB `meta` store, or memory on the fallback), never logged, never exported
 * with progress, and shown masked. A loaded key is a `Secret`, whose every string form is masked;
 * only `reveal()` gives the key itself, to put in a request header.
 *
 * @example
 * await secrets.save('llm-api', input.value);
 * const key = await secrets.load('llm-api');   // Secret | null
 * label.textContent = key?.masked ?? '';        // "sk-…9xQz"
 * fetch(url, { headers: { Authorization: `Bearer ${key.reveal()}` } });
 */
import { storage, type OpenedStorage } from './open-storage';
import { string } from './validate';

const values = new WeakMap<Secret, string>(); // outside the object, so devtools previews cannot show it

export class Secret {
  constructor(value: string) {
    values.set(this, value);
  }

  /** The key itself: pass it straight to the request that needs it, and nowhere else. */
  reveal(): string {
    return values.get(this) as string;
  }

  get masked(): string {
    return maskSecret(this.reveal());
  }

  toString(): string {
    return this.masked;
  }

  toJSON(): string {
    return this.masked;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${this.masked})`;
  }
}

const MASK = '••••••••';

/**
 * "sk-…9xQz" for a key of 16 characters or more (enough to tell two keys apart); a fixed
 * run of dots for a shorter one, which would give away too much of itself.
 */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `${value.slice(0, 3)}…${value.slice(-4)}` : MASK;
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SECRET_MAX_LENGTH = 4_096;
const storedSecret = string({ maxLength: SECRET_MAX_LENGTH });

function entryKey(name: string): `secret:${string}` {
  if (!NAME.test(name)) throw new RangeError(`invalid secret name "${name}": use kebab-case, e.g. "llm-api"`);
  return `secret:${name}`;
}

export class SecretStore {
  #storage: { open(): Promise<OpenedStorage> };

  constructor(opener: { open(): Promise<OpenedStorage> } = storage) {
    this.#storage = opener;
  }

  /** Stores the key (surrounding whitespace removed); throws if empty, multi-line or too long. */
  async save(name: string, value: string): Promise<void> {
    const key = entryKey(name);
    const trimmed = value.trim();
    if (trimmed === '') throw new RangeError('the key is empty');
    if (/\s/.test(trimmed)) throw new RangeError('the key contains spaces or line breaks');
    if (trimmed.length > SECRET_MAX_LENGTH) throw new RangeError(`the key is longer than ${SECRET_MAX_LENGTH} characters`);
    const { backend } = await this.#storage.open();
    await backend.setMeta(key, trimmed);
  }

  async load(name: string): Promise<Secret | null> {
    const key = entryKey(name);
    const { backend } = await this.#storage.open();
    const value = await backend.getMeta(key, storedSecret);
    return value === undefined ? null : new Secret(value);
  }

  async remove(name: string): Promise<void> {
    const key = entryKey(name);
    const { backend } = await this.#storage.open();
    await backend.deleteMeta(key);
  }

  /** False on the in-memory fallback: a saved key lasts only until the tab closes. */
  async persistent(): Promise<boolean> {
    return (await this.#storage.open()).backend.persistent;
  }
}

export const secrets = new SecretStore();
