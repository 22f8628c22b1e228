import { describe, expect, it } from 'vitest';
import { RuntimeSettings } from './settings.svelte';

function memory(initial: Record<string, string> = {}) {
  const data = { ...initial };
  return { data, getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v) };
}

describe('RuntimeSettings', () => {
  it('defaults to auto and persists forced choices', () => {
    const store = memory();
    const s = new RuntimeSettings(store);
    expect([s.backend, s.dtype]).toEqual(['auto', 'auto']);
    s.backend = 'webgpu';
    s.dtype = 'fp32';
    expect(JSON.parse(store.data['llm-lab.runtime.settings']!)).toEqual({ backend: 'webgpu', dtype: 'fp32' });
    const again = new RuntimeSettings(store);
    expect([again.backend, again.dtype]).toEqual(['webgpu', 'fp32']);
  });

  it('ignores corrupt or unknown stored values and rejects invalid assignments', () => {
    expect(new RuntimeSettings(memory({ 'llm-lab.runtime.settings': '{oops' })).backend).toBe('auto');
    expect(new RuntimeSettings(memory({ 'llm-lab.runtime.settings': '{"backend":"cuda","dtype":"q8"}' })).dtype).toBe('q8');
    const s = new RuntimeSettings(null);
    expect(() => (s.backend = 'cuda' as never)).toThrow(RangeError);
    expect(s.hubBaseUrl).toBe('https://huggingface.co');
  });
});
