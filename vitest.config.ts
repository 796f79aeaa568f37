import { defineConfig } from 'vitest/config';
import BrowserFilesFirst from './test/helpers/browser-files-first';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes keep each test file's database to itself.
    pool: 'forks',
    // Both cores of a 2-vCPU machine (vitest's default leaves one idle there): every file has its own
    // temporary database and random port, so files run side by side.
    maxWorkers: 2,
    // Each worker process runs file after file with the modules it already loaded: loading the server's and
    // the schema's modules anew for every file was a quarter of the suite's CPU (measured: 16 server files,
    // 48 → 28 s of CPU). No test depends on a fresh module: every file opens its own database and server,
    // and the few that change process.env or a module's settings put them back in afterAll/finally.
    isolate: false,
    sequence: { sequencer: BrowserFilesFirst },
    // The browser tests need a current web/dist: built once before any test file runs. The run's shared
    // directory: what several files need built once per run (the seeded demo database) is made there.
    globalSetup: ['test/e2e/global-setup.ts', 'test/helpers/run-dir.ts'],
    reporters: ['default', './test/helpers/slowest-files.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
