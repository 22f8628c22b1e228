/**
 * Crashing the browser on purpose, at a known point of an IndexedDB write:
 * - `holdMidWrite(page, store, after)` makes the page freeze right after its `after`-th `put` into
 *   `store` (the transaction is then open, with some writes issued and others not), and says so on
 *   the console;
 * - `killBrowser` ends the whole Chromium (SIGKILL, as a power cut or an OOM kill would),
 *   `killRenderers` only its renderer processes (a crashed tab). Both find the processes by the
 *   profile folder in their command line, so only this test's browser is touched (Linux `ps`).
 */
import { execFileSync } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';

export const MID_WRITE_SIGNAL = '__robustness_mid_write__';

/** Arms the freeze; resolves once the page has issued `after` puts into `store` and frozen. */
export async function holdMidWrite(page: Page, store: string, after: number): Promise<{ frozen: Promise<void> }> {
  const frozen = new Promise<void>((resolve) => {
    const onConsole = (m: { text(): string }) => {
      if (m.text() !== MID_WRITE_SIGNAL) return;
      page.off('console', onConsole);
      resolve();
    };
    page.on('console', onConsole);
  });
  await page.evaluate(
    ({ store, after, signal }) => {
      const proto = IDBObjectStore.prototype;
      const put = proto.put;
      let n = 0;
      proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const request = put.apply(this, args);
        if (this.name === store && ++n === after) {
          console.log(signal);
          const until = Date.now() + 120_000;
          while (Date.now() < until) {
            /* frozen inside the transaction until the test kills the browser */
          }
        }
        return request;
      };
    },
    { store, after, signal: MID_WRITE_SIGNAL },
  );
  return { frozen };
}

function processes(): { pid: number; ppid: number; args: string }[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
}

/** The main Chromium process started with this profile folder. */
export function browserPid(profileDir: string): number {
  const main = processes().filter((p) => p.args.includes(`--user-data-dir=${profileDir}`) && !p.args.includes('--type='));
  if (main.length !== 1) throw new Error(`expected one browser process for ${profileDir}, found ${main.length}`);
  return main[0]!.pid;
}

/** SIGKILLs the browser and waits until Playwright has noticed. */
export async function killBrowser(context: BrowserContext, profileDir: string): Promise<void> {
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  process.kill(browserPid(profileDir), 'SIGKILL');
  await closed;
}

/**
 * SIGKILLs every renderer process of this browser's pages (its tabs and workers crash; the browser lives).
 * Chromium's own WebUI renderer (`--top-chrome-webui`, there in headless mode too) belongs to no page and is
 * spared, as a crashed tab would spare it. Open the next page only once the killed page's `crash` event has
 * come: a page opened before that hung in 5 of 21 runs (`context.newPage()` never resolved).
 */
export function killRenderers(profileDir: string): number {
  const all = processes();
  const family = new Set([browserPid(profileDir)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (family.has(p.ppid) && !family.has(p.pid)) {
        family.add(p.pid);
        grew = true;
      }
    }
  }
  const renderers = all.filter((p) => family.has(p.pid) && p.args.includes('--type=renderer') && !p.args.includes('--top-chrome-webui'));
  for (const r of renderers) process.kill(r.pid, 'SIGKILL');
  return renderers.length;
}

/** `p`, or an error saying `what` once `ms` have passed (a crashed page can leave a promise unsettled). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
