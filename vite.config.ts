/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { labAssets } from './vite/lab-assets-plugin.ts';
import { DEV_HEADERS, PRODUCTION_HEADERS } from './vite/security-headers.ts';
import { pwaOptions } from './vite/pwa-options.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const isVitest = process.env.VITEST !== undefined;

export default defineConfig({
  base: '/',
  plugins: [
    svelte(),
    ...(isVitest ? [svelteTesting()] : []),
    labAssets({
      ortDist: `${root}node_modules/onnxruntime-web/dist`,
      modelsDir: `${root}models`,
    }),
    ...(isVitest ? [] : [VitePWA(pwaOptions)]),
  ],
  resolve: {
    // Use ORT's build that loads its wasm from `wasmPaths` (our /ort/) instead of a second, bundled copy.
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
  server: { host: '127.0.0.1', headers: { ...DEV_HEADERS } },
  preview: { host: '127.0.0.1', headers: { ...PRODUCTION_HEADERS } },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'vite/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/models/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/robustness/**/*.test.ts'],
    setupFiles: ['./tests/setup-unit.ts'],
    // Component and figure tests render in jsdom; 5 s is too tight on a loaded 2-core machine.
    testTimeout: 30_000,
    pool: 'threads',
    maxWorkers: 2,
  },
});
