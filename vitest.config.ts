import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes keep each test file's database to itself.
    pool: 'forks',
    // Both cores of a 2-vCPU machine (vitest's default leaves one idle there): every file has its own
    // temporary database and random port, so files run side by side.
    maxWorkers: 2,
    // The browser tests need a current web/dist: built once before any test file runs.
    globalSetup: ['test/e2e/global-setup.ts'],
    reporters: ['default', './test/helpers/slowest-files.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
