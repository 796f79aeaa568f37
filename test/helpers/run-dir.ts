/**
 * A temporary directory for one `vitest run`, shared by its worker processes (vitest's provide/inject): what
 * several test files need built once per run is built there by the first that needs it (demo-database.ts).
 * A vitest globalSetup: removed when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-test-run-'));
  project.provide('testRunDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
