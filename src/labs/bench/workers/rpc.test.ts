import { describe, expect, it } from 'vitest';
import { serve, WorkerRpc } from './rpc';

/** A worker and its scope joined in memory (messages delivered on the next microtask). */
function pair() {
  const scope = { onmessage: null as ((e: MessageEvent) => void) | null, postMessage: (m: unknown) => queueMicrotask(() => worker.onmessage?.({ data: m } as MessageEvent)) };
  const worker = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    terminated: false,
    postMessage: (m: unknown) => queueMicrotask(() => scope.onmessage?.({ data: m } as MessageEvent)),
    terminate() {
      this.terminated = true;
    },
  };
  return { scope, worker };
}

describe('WorkerRpc and serve', () => {
  it('matches replies to calls, passes progress, and reports handler errors', async () => {
    const { scope, worker } = pair();
    serve(scope, {
      double: async (a: { x: number }, progress: (m: string) => void) => {
        progress(`doubling ${a.x}`);
        return a.x * 2;
      },
      fail: () => {
        throw new Error('nope');
      },
    });
    const rpc = new WorkerRpc<{ double: (a: { x: number }, p: (m: string) => void) => Promise<number>; fail: () => never }>(worker);
    const seen: string[] = [];
    const [a, b] = await Promise.all([rpc.call('double', { x: 2 }, { progress: (m) => seen.push(m) }), rpc.call('double', { x: 5 })]);
    expect([a, b]).toEqual([4, 10]);
    expect(seen).toEqual(['doubling 2']);
    await expect(rpc.call('fail', undefined as never)).rejects.toThrow('nope');
  });

  it('a crashed worker rejects what is pending and every later call at once', async () => {
    const { worker } = pair();
    const rpc = new WorkerRpc<{ wait: () => Promise<void> }>(worker);
    const pending = rpc.call('wait', undefined as never);
    worker.onerror!({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(pending).rejects.toThrow(/crashed: out of memory/);
    await expect(rpc.call('wait', undefined as never)).rejects.toThrow(/crashed: out of memory/);
  });
});
