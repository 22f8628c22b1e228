export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Run the pending call now, if any. */
  flush(): void;
  /** Drop the pending call. */
  cancel(): void;
  readonly pending: boolean;
}

/** Call `fn` once, `ms` after the last call; timers injectable for tests. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  timers: { set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void } = {
    set: (f, d) => setTimeout(f, d),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): Debounced<A> {
  if (!(ms >= 0)) throw new RangeError(`invalid delay: ${ms}`);
  let handle: unknown = null;
  let lastArgs: A | null = null;
  const run = () => {
    handle = null;
    const args = lastArgs!;
    lastArgs = null;
    fn(...args);
  };
  const debounced = ((...args: A) => {
    lastArgs = args;
    if (handle !== null) timers.clear(handle);
    handle = timers.set(run, ms);
  }) as Debounced<A>;
  debounced.flush = () => {
    if (handle === null) return;
    timers.clear(handle);
    run();
  };
  debounced.cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    lastArgs = null;
  };
  Object.defineProperty(debounced, 'pending', { get: () => handle !== null });
  return debounced;
}
