import { describe, expect, it } from 'vitest';
import { ToastQueue } from './toasts.svelte';

describe('ToastQueue', () => {
  it('shows messages and dismisses each after its delay', () => {
    const timers: [() => void, number][] = [];
    const q = new ToastQueue((fn, ms) => timers.push([fn, ms]));
    const a = q.show('Saved', 'ok');
    q.show('Failed', 'bad', 9000);
    expect(q.items.map((t) => t.message)).toEqual(['Saved', 'Failed']);
    expect(timers.map(([, ms]) => ms)).toEqual([4000, 9000]);
    timers[0]![0]();
    expect(q.items.map((t) => t.id)).not.toContain(a);
    expect(q.items).toHaveLength(1);
  });
});
