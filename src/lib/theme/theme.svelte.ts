export type ThemeChoice = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

const STORAGE_KEY = 'llm-lab.theme';

export interface ThemeEnv {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** `matchMedia('(prefers-color-scheme: dark)')`, or null where unavailable. */
  darkQuery: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'> | null;
  root: HTMLElement | null;
}

function defaultEnv(): ThemeEnv {
  return {
    storage: globalThis.localStorage ?? null,
    darkQuery: globalThis.matchMedia?.('(prefers-color-scheme: dark)') ?? null,
    root: globalThis.document?.documentElement ?? null,
  };
}

/** Light/dark theme: follows the system unless the learner picks one; the choice is remembered. */
export class Theme {
  #choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);
  #env: ThemeEnv;
  #onSystem = (e: { matches: boolean }) => {
    this.#systemDark = e.matches;
    this.#apply();
  };

  constructor(env: ThemeEnv = defaultEnv()) {
    this.#env = env;
    const stored = env.storage?.getItem(STORAGE_KEY);
    if (stored === 'light' || stored === 'dark' || stored === 'system') this.#choice = stored;
    this.#systemDark = env.darkQuery?.matches ?? false;
    env.darkQuery?.addEventListener('change', this.#onSystem);
    this.#apply();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  get resolved(): ResolvedTheme {
    return this.#choice === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.#choice;
  }

  set(choice: ThemeChoice): void {
    this.#choice = choice;
    try {
      this.#env.storage?.setItem(STORAGE_KEY, choice);
    } catch {
      /* not remembered, still applied */
    }
    this.#apply();
  }

  /** Switch to the other of light/dark (an explicit choice from then on). */
  toggle(): void {
    this.set(this.resolved === 'dark' ? 'light' : 'dark');
  }

  #apply(): void {
    this.#env.root?.setAttribute('data-theme', this.resolved);
  }
}

export const theme = new Theme();
