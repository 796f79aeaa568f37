/** Issue 12 item 10: the maintenance commands refuse a database file that does not exist, and name the one they use. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../server/db';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const { GSP_DB: _drop, ...rest } = process.env;
  return spawnSync(TSX, [path.join(ROOT, 'server/cli', script), ...args], { cwd: dir, env: { ...rest, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('CLI without an existing database', () => {
  const missing = path.join(dir, 'nope', 'gsp.db');
  it.each([
    ['audit-verify.ts', []],
    ['backup.ts', [path.join(dir, 'out.db')]],
    ['recheck.ts', []],
  ])('%s refuses a missing GSP_DB with exit 2 and creates nothing', (script, args) => {
    const r = run(script, args as string[], { GSP_DB: missing });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('数据库文件不存在');
    expect(r.stderr).toContain(missing);
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'out.db'))).toBe(false);
  });

  it('restore refuses a backup file that does not exist', () => {
    const r = run('restore.ts', [path.join(dir, 'missing-backup.db'), '--db', missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('备份文件不存在');
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('an existing database is used and named', () => {
    const file = path.join(dir, 'real.db');
    openDb(file).$client.close();
    const r = run('audit-verify.ts', ['--db', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`数据库 / database: ${file}`);
    expect(r.stdout).toContain('audit chain intact');
  });

  it('an unknown option, a missing value and a bad environment value: exit 2 with the reason (node:util parseArgs, server/env.ts)', () => {
    const unknown = run('audit-verify.ts', ['--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^错误：未知参数 --frobnicate（用法：npm run audit:verify.*） \/ Error: unknown option --frobnicate/);
    const missing = run('recheck.ts', ['--as-of']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('参数 --as-of 缺少取值');
    const badEnv = run('audit-verify.ts', [], { GSP_TODAY: 'tomorrow' });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toContain('环境变量 GSP_TODAY="tomorrow" 无效');
  });
});
