import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { buildModelManifest, isShippableModelPath } from './model-files.ts';
import { META_CONTENT_SECURITY_POLICY } from './security-headers.ts';

/**
 * The ONNX Runtime Web files transformers.js asks for (see its `wasmPaths` default):
 * the asyncify build everywhere, the plain one on Safari < 26 without WebGPU.
 */
export const ORT_FILES = [
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export interface LabAssetsOptions {
  /** Absolute path of `node_modules/onnxruntime-web/dist`. */
  ortDist: string;
  /** Absolute path of the repo's `models/` folder. */
  modelsDir: string;
}

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function sendFile(res: ServerResponse, file: string): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Content-Length', String(statSync(file).size));
  res.setHeader('Cache-Control', 'no-cache');
  createReadStream(file).pipe(res);
}

export function assetsMiddleware(base: string, opts: LabAssetsOptions): Middleware {
  const ortPrefix = `${base}ort/`;
  const modelsPrefix = `${base}models/`;
  return (req, res, next) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    if (path.startsWith(ortPrefix)) {
      const name = path.slice(ortPrefix.length);
      if ((ORT_FILES as readonly string[]).includes(name)) return sendFile(res, join(opts.ortDist, name));
      return next();
    }
    if (path.startsWith(modelsPrefix)) {
      const rel = path.slice(modelsPrefix.length);
      if (rel === 'manifest.json') {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(JSON.stringify(buildModelManifest(opts.modelsDir)));
        return;
      }
      const file = normalize(join(opts.modelsDir, rel));
      if (isShippableModelPath(rel) && file.startsWith(opts.modelsDir) && existsSync(file) && statSync(file).isFile()) {
        return sendFile(res, file);
      }
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    next();
  };
}

/**
 * Serves ONNX Runtime's wasm under `/ort/` and the shipped models under `/models/` in dev,
 * emits both into the build (with `/models/manifest.json`), and injects the CSP meta tag.
 */
export function labAssets(opts: LabAssetsOptions): Plugin {
  let command: 'build' | 'serve' = 'serve';
  return {
    name: 'llm-lab-assets',
    configResolved(config) {
      command = config.command;
    },
    configureServer(server) {
      server.middlewares.use(assetsMiddleware(server.config.base, opts));
    },
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }];
    },
    generateBundle() {
      if (command !== 'build') return;
      for (const name of ORT_FILES) {
        this.emitFile({ type: 'asset', fileName: `ort/${name}`, source: readFileSync(join(opts.ortDist, name)) });
      }
      const manifest = buildModelManifest(opts.modelsDir);
      for (const model of manifest.models) {
        for (const file of model.files) {
          this.emitFile({
            type: 'asset',
            fileName: `models/${model.id}/${file.path}`,
            source: readFileSync(join(opts.modelsDir, model.id, file.path)),
          });
        }
      }
      this.emitFile({ type: 'asset', fileName: 'models/manifest.json', source: JSON.stringify(manifest) });
    },
  };
}
