/**
 * A promise that settles like `task`, or rejects once `ms` milliseconds have passed without it
 * settling. The task itself is not stopped: whoever started it ends it (e.g. terminates its worker).
 * @example
 * await withDeadline(client.load(ref, opts), 300_000, 'WebGPU load'); // Error: WebGPU load did not finish within 300 s
 */
export function withDeadline<T>(task: Promise<T>, ms: number, what: string): Promise<T> {
  if (!(ms > 0)) throw new RangeError(`deadline must be positive, got ${ms}`);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
    task.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
