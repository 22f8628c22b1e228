import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, ROOT, startPreview, viteEnv, type PreviewServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The build being served, relative to the repo root (`dist` or this run's own folder). */
    distDir: string;
  }
}

let server: PreviewServer | null = null;
let ownBuild: string | null = null;

/**
 * With E2E_SKIP_BUILD=1 (as `npm test` sets after its own build) serve `dist/`; otherwise build once into a
 * folder of this run's own, so that several people testing in one working tree never write the same files.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  let outDir = 'dist';
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(join(ROOT, 'dist/index.html'))) {
    outDir = ownBuild = `test-results/e2e-dist-${process.pid}`;
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: viteEnv(),
    });
  }
  server = await startPreview(outDir);
  project.provide('baseUrl', server.url);
  project.provide('distDir', outDir);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (ownBuild) rmSync(join(ROOT, ownBuild), { recursive: true, force: true });
}
