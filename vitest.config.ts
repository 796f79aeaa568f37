import { defineConfig } from 'vitest/config';
import BrowserFilesFirst from './test/helpers/browser-files-first';
import { PG_EXCLUDED, PG_SUITE } from './test/pg-suite';

/**
 * Files that need a process of their own: write-hooks asserts what happens before the composition registers the
 * hooks (a worker that ran another file has them), upload-stream measures its process's live memory, pg-tables
 * loads drizzle-kit's api, which adds an enumerable `Array.prototype.random` that pdf.js (the PDF tests' text
 * reader) refuses to load beside — a worker that ran it failed every later PDF test (CI, session 8).
 */
const OWN_PROCESS = ['test/server/write-hooks.test.ts', 'test/imports/upload-stream.test.ts', 'test/schema/pg-tables.test.ts'];

export default defineConfig({
  test: {
    // better-sqlite3 is a native addon: separate processes keep each test file's database to itself.
    pool: 'forks',
    // Both cores of a 2-vCPU machine (vitest's default leaves one idle there): every file has its own
    // temporary database and random port, so files run side by side.
    maxWorkers: 2,
    sequence: { sequencer: BrowserFilesFirst },
    // The browser tests need a current web/dist: built once before any test file runs. The run's shared
    // directory: what several files need built once per run (the seeded demo database) is made there.
    globalSetup: ['test/e2e/global-setup.ts', 'test/helpers/run-dir.ts'],
    reporters: ['default', './test/helpers/slowest-files.ts'],
    // each file's CPU (with the browsers and processes it started), for the report above; a file that leaves
    // enumerable properties on a built-in prototype fails itself instead of a later file in its worker
    setupFiles: ['test/helpers/file-cpu.ts', 'test/helpers/no-leaks.ts'],
    // what vitest transformed (our TypeScript, for the workers) kept on disk between runs, by content: a run after
    // a change transforms only the changed files (measured: the main process's CPU 4.5 → 1.9 s over 34 files)
    experimental: { fsModuleCache: true },
    testTimeout: 20_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // Each worker process runs file after file with the modules it already loaded: loading the server's and
        // the schema's modules anew for every file was a quarter of the suite's CPU (measured: 16 server files,
        // 48 → 28 s of CPU). Every file opens its own database and server, and the few that change process.env
        // or a module's settings put them back in afterAll/finally.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: OWN_PROCESS, isolate: false },
      },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, isolate: true, env: { GSP_TEST_OWN_PROCESS: '1' } } },
      // the same files again on PostgreSQL when there is a cluster (test/pg-suite.ts says which and why); longer
      // timeouts there: a request is several round trips to another process, not calls into a library, and on a
      // loaded machine each round trip waits for the scheduler (a master-data import row: ~15 of them)
      ...(process.env.GSP_TEST_PG
        ? [
            {
              extends: true as const,
              test: {
                name: 'pg',
                include: PG_SUITE,
                exclude: Object.keys(PG_EXCLUDED),
                isolate: false,
                testTimeout: 120_000,
                hookTimeout: 300_000,
                env: { GSP_TEST_ENGINE: 'pg' },
              },
            },
          ]
        : []),
    ],
  },
});
