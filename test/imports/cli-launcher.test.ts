/**
 * `npm run import` runs imports/cli-launcher.mjs: the CLI compiled into a bundle under build/, rebuilt when
 * a source file it was built from changes. Real launches in child processes; the other CLI tests run the
 * same launcher for their contract checks.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import { REPO_ROOT } from '../helpers/shared';
import { EXPECTED, masterDbFile, sample } from './pipeline-fixtures';

const LAUNCHER = path.join(REPO_ROOT, 'imports/cli-launcher.mjs');
// a build folder of this test's own (inside the project, where the bundle finds node_modules): other test
// files building or rebuilding cannot move its pointer
fs.mkdirSync(path.join(REPO_ROOT, 'build'), { recursive: true });
const BUILD = fs.mkdtempSync(path.join(REPO_ROOT, 'build', 'launcher-test-'));
const POINTER = path.join(BUILD, 'cli.json');
afterAll(() => fs.rmSync(BUILD, { recursive: true, force: true }));

const launch = (...args: string[]) => launchWith({}, ...args);
const launchWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, GSP_CLI_BUILD_DIR: BUILD, ...env },
  });
const pointer = () => JSON.parse(fs.readFileSync(POINTER, 'utf8')) as { dir: string; inputs: Record<string, string> };

describe('the CLI launcher', () => {
  it('runs the compiled bundle, reuses it while the sources are unchanged and rebuilds when one changes', () => {
    const first = launch('--help');
    expect(first.status).toBe(2); // the usage line: the CLI itself ran
    expect(first.stderr).toContain('用法');
    const built = pointer();
    expect(Object.keys(built.inputs)).toEqual(expect.arrayContaining(['imports/cli.ts', 'server/root.ts', 'schema/rules/index.ts']));
    expect(fs.existsSync(path.join(BUILD, built.dir, 'cli.js'))).toBe(true);

    expect(launch('--help').status).toBe(2);
    const before = pointer();
    expect(before.dir).toBe(built.dir); // nothing changed: the same bundle ran

    const source = path.join(REPO_ROOT, 'server/root.ts');
    const now = new Date();
    fs.utimesSync(source, now, new Date(now.getTime() + 2000));
    const rebuilt = launch('--kind', 'no-such-kind', LAUNCHER);
    expect(rebuilt.status).toBe(2);
    expect(rebuilt.stderr).toContain('no-such-kind');
    const after = pointer();
    expect(after.dir).not.toBe(before.dir);
    expect(after.inputs['server/root.ts']).not.toBe(before.inputs['server/root.ts']);
  });

  it('the bundle reads a big XLSX in its reader thread (sheet-worker.js beside the CLI) with the same report', async () => {
    const master = await masterDbFile();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-launcher-'));
    try {
      const reports = ['0', '1'].map((forced) => {
        const db = path.join(dir, `gsp-${forced}.db`);
        const report = path.join(dir, `r-${forced}.json`);
        fs.copyFileSync(master, db);
        const r = launchWith(
          { GSP_IMPORT_READER_THREAD: forced },
          sample('ledger.xlsx'),
          '--kind',
          'sales-ledger',
          '--db',
          db,
          '--report',
          report,
          '--as-of',
          EXPECTED.asOf,
        );
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(fs.readFileSync(report, 'utf8'));
      });
      expect(reports[1]).toEqual(reports[0]);
      expect(reports[1].counts.rows).toBe(EXPECTED.ledgers['ledger.xlsx'].dataRows);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
