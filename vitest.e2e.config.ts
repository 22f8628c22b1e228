import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built app in headless Chromium. One file at a time, long timeouts. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['./tests/e2e/global-setup.ts'],
    // Fails any test whose browser requested something outside the app's origin.
    setupFiles: ['./tests/e2e/security-network-guard.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
    reporters: ['default'],
  },
});
