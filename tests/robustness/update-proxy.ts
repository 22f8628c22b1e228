/**
 * A loopback proxy in front of the preview server that can publish "a new version of the app": every
 * request is passed through unchanged, except `/sw.js`, which gains a comment naming the current
 * `version` once it is above 0. A changed service-worker script is exactly what a deploy looks like
 * to the browser: it installs the new worker, which then waits for the app's reload prompt.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpdateProxy {
  url: string;
  /** 0 serves the app as built; 1, 2, … serve a service worker that differs from the previous one. */
  version: number;
  close(): Promise<void>;
}

const CONDITIONAL = ['if-none-match', 'if-modified-since', 'accept-encoding'];
const VALIDATORS = ['etag', 'last-modified', 'content-length', 'content-encoding'];

function without(headers: IncomingHttpHeaders, names: readonly string[]): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

export async function startUpdateProxy(target: string): Promise<UpdateProxy> {
  const upstream = new URL(target);
  const state = { version: 0 };
  const server = createServer((req, res) => {
    const isWorker = (req.url ?? '').split('?')[0] === '/sw.js';
    const headers = { ...without(req.headers, isWorker ? CONDITIONAL : []), host: upstream.host };
    const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
      if (!isWorker || state.version === 0 || answer.statusCode !== 200) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const parts: Buffer[] = [];
      answer.on('data', (c: Buffer) => parts.push(c));
      answer.on('end', () => {
        const body = Buffer.concat([...parts, Buffer.from(`\n// robustness test: app version ${state.version}\n`)]);
        res.writeHead(200, { ...without(answer.headers, VALIDATORS), 'content-length': String(body.length), 'cache-control': 'no-cache' });
        res.end(body);
      });
    });
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get version() {
      return state.version;
    },
    set version(v: number) {
      state.version = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
