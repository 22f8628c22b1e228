import { describe, expect, it } from 'vitest';
import { Theme, type ThemeEnv } from './theme.svelte';

function env(stored: string | null, systemDark: boolean) {
  const store = new Map<string, string>(stored ? [['llm-lab.theme', stored]] : []);
  let listener: ((e: { matches: boolean }) => void) | null = null;
  const root = document.createElement('html');
  const e: ThemeEnv = {
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    darkQuery: {
      matches: systemDark,
      addEventListener: (_: string, fn: unknown) => void (listener = fn as typeof listener),
      removeEventListener: () => {},
    } as ThemeEnv['darkQuery'],
    root,
  };
  return { e, store, root, flipSystem: (m: boolean) => listener?.({ matches: m }) };
}

describe('Theme', () => {
  it('follows the system until a choice is made, and remembers the choice', () => {
    const { e, store, root, flipSystem } = env(null, true);
    const t = new Theme(e);
    expect(t.resolved).toBe('dark');
    expect(root.getAttribute('data-theme')).toBe('dark');
    flipSystem(false);
    expect(root.getAttribute('data-theme')).toBe('light');
    t.toggle();
    expect(t.choice).toBe('dark');
    expect(store.get('llm-lab.theme')).toBe('dark');
    flipSystem(false);
    expect(root.getAttribute('data-theme')).toBe('dark');
  });
  it('starts from the stored choice', () => {
    expect(new Theme(env('light', true).e).resolved).toBe('light');
  });
});
