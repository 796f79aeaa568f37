/**
 * `npm run import` as other tools call it: exit codes 0 / 2 / 1 with one clear line on stderr, nothing
 * written on 2 or 1, corrupt and oversized files, a report on disk, and a process killed mid-import.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../server/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared';
import { EXPECTED, masterDbFile, sample, tempDb, type TempDb } from './pipeline-fixtures';

// what `npm run import` runs: the launcher of the compiled CLI bundle (imports/cli-launcher.mjs)
const CLI = path.join(REPO_ROOT, 'imports/cli-launcher.mjs');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The rows an import could have written, in a database file opened read-only. */
async function written(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const n = async (t: string) => ((await db.prepare(`SELECT count(*) AS n FROM "${t}"`).get()) as { n: number }).n;
    return {
      imports: await n('imports'),
      orders: await n('sales_orders'),
      lines: await n('sales_lines'),
      customers: await n('customers'),
      findings: await n('findings'),
      audit: await n('audit_log'),
    };
  } finally {
    db.close();
  }
}

let master: string;
let t: TempDb;
beforeAll(async () => {
  master = await masterDbFile();
});
afterAll(() => {
  t?.close();
  fs.rmSync(path.dirname(master), { recursive: true, force: true });
});

function fresh(): TempDb {
  t?.close();
  t = tempDb(master);
  t.db.$client.close(); // the CLI opens it
  return t;
}

describe('npm run import (CLI)', () => {
  it('exit 0: the report JSON is written exactly as DESIGN.md; the summary line on stdout', async () => {
    const { file, dir } = fresh();
    const report = path.join(dir, 'out.json');
    const r = cli([sample('ledger-gbk.csv'), '--kind', 'sales-ledger', '--db', file, '--report', report, '--as-of', EXPECTED.asOf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^导入 #\d+ sales-ledger ledger-gbk\.csv：253 行，导入 250，拒收 3，重复 0/);
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    expect(Object.keys(json).slice(0, 6)).toEqual(['import', 'mapping', 'unmapped', 'counts', 'findings', 'rejected']);
    expect(Object.keys(json.import)).toEqual(['id', 'kind', 'file', 'sha256', 'format', 'encoding', 'sheet', 'headerRow', 'dryRun']);
    expect(json.import).toMatchObject({
      kind: 'sales-ledger',
      file: 'ledger-gbk.csv',
      format: 'csv',
      encoding: 'gb18030',
      sheet: null,
      headerRow: 1,
      dryRun: false,
    });
    expect(json.mapping).toMatchObject({ 销售单号: 'order_no', 客户名称: 'customer' });
    expect(json.counts).toEqual({ rows: 253, imported: 250, rejected: 3, duplicates: 0 });
    expect(Object.keys(json.findings[0])).toEqual(['row', 'rule', 'severity', 'fields', 'message']);
    expect(json.rejected.map((x: { row: number }) => x.row)).toEqual(EXPECTED.ledgers['ledger-gbk.csv'].rejected);
    expect((await written(file)).lines).toBe(250);
  });

  it('without --report the JSON report goes to stdout; --dry-run writes nothing', async () => {
    const { file } = fresh();
    const before = await written(file);
    const r = cli([sample('ledger-utf8.csv'), '--kind', 'sales-ledger', '--db', file, '--as-of', EXPECTED.asOf, '--dry-run']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.import).toMatchObject({ id: null, dryRun: true });
    expect(json.counts.imported).toBe(250);
    expect(await written(file)).toEqual(before);
  });

  it.each([
    ['an unknown kind', ['--kind', 'nonsense'], /未知的导入类型.* \/ Error: Unknown import kind/],
    ['a read-only kind', ['--kind', 'audit_log'], /不能导入 \/ Error: .*cannot be imported/],
    ['no --kind', [], /请用 --kind 指定导入类型.* \/ Error: --kind is required/],
    ['a bad --as-of', ['--kind', 'customers', '--as-of', '2025-02-30'], /--as-of 应为 YYYY-MM-DD .* \/ Error: --as-of must be/],
    ['an unknown option', ['--kind', 'customers', '--frobnicate'], /未知参数 --frobnicate.* \/ Error: unknown option/],
    [
      'a sheet that does not exist',
      ['--kind', 'sales-ledger', '--sheet', '没有这个表'],
      /没有名为“没有这个表”的工作表.* \/ Error: The workbook has no sheet/,
      'ledger.xlsx',
    ],
    ['a missing file', ['--kind', 'customers'], /错误：.* \/ Error: /, 'no-such-file.csv'],
  ])('exit 2 on %s: one line on stderr, Chinese first, nothing written', async (_name, args, message, fileName = 'customers.csv') => {
    const { file } = fresh();
    const before = await written(file);
    const r = cli([sample(fileName as string), '--db', file, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect(await written(file)).toEqual(before);
  });

  it('exit 2 before the database is even created when the kind or the file is unusable', () => {
    const { dir } = fresh();
    const db = path.join(dir, 'never.db');
    expect(cli([sample('customers.csv'), '--kind', 'nonsense', '--db', db]).code).toBe(2);
    expect(cli([path.join(dir, 'missing.csv'), '--kind', 'customers', '--db', db]).code).toBe(2);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('exit 2 on a corrupt XLSX and on an oversized file, with a clear message; nothing written', async () => {
    const { file, dir } = fresh();
    const before = await written(file);
    const corrupt = path.join(dir, 'corrupt.xlsx');
    const good = fs.readFileSync(sample('ledger.xlsx'));
    fs.writeFileSync(corrupt, good.subarray(0, Math.floor(good.length / 2))); // cut off: no central directory
    const a = cli([corrupt, '--kind', 'sales-ledger', '--db', file]);
    expect(a.code).toBe(2);
    expect(a.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(a.stderr).toMatch(/^错误：.*(损坏|无法读取).* \/ Error: /);
    // sparse: 1.1 GB on paper, nothing on disk (the default limit is 1 GB)
    const huge = path.join(dir, 'huge.csv');
    fs.writeFileSync(huge, '单据编号,销售日期\n');
    fs.truncateSync(huge, Math.round(1.1 * 1024 ** 3));
    const b = cli([huge, '--kind', 'sales-ledger', '--db', file]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^错误：文件过大（1\.1 GB），超过上限 1 GB.* \/ Error: The file is too large/);
    expect(await written(file)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'imports'))).toBe(false);
  });

  it('exit 1 on an internal failure, and then nothing was written', async () => {
    const { file } = fresh();
    const db = new Database(file);
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON sales_lines BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    db.close();
    const before = await written(file);
    const r = cli([sample('ledger-utf8.csv'), '--kind', 'sales-ledger', '--db', file, '--as-of', EXPECTED.asOf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/导入失败（内部错误），未写入任何数据 \/ Import failed \(internal error\); nothing was written/);
    expect(await written(file)).toEqual(before);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.import-'))).toEqual([]);
  });

  it('a process killed mid-import (SIGKILL, in either phase) leaves nothing of it; the next import removes the stale staging file', async () => {
    const { file, dir } = fresh();
    // a big ledger: the sample's rows over and over with fresh order numbers
    const lines = fs.readFileSync(sample('ledger-utf8.csv'), 'utf8').split('\n').filter(Boolean);
    const [header, ...rows] = lines;
    const big = path.join(dir, 'big.csv');
    const out = fs.openSync(big, 'w');
    fs.writeSync(out, `${header}\n`);
    for (let cycle = 0; cycle < 300; cycle++) fs.writeSync(out, `${rows.map((r) => r.replace(/^([^,]*),/, `$1-${cycle},`)).join('\n')}\n`);
    fs.closeSync(out);
    const before = await written(file);
    for (const phase of ['phase 1', 'phase 2'] as const) {
      const child = spawn(
        process.execPath,
        [CLI, big, '--kind', 'sales-ledger', '--db', file, '--as-of', EXPECTED.asOf, '--report', path.join(dir, 'r.json')],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, GSP_IMPORT_TIMING: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      if (phase === 'phase 1') {
        // kill once the staging file is being written (its journal comes and goes between readdir and stat)
        const staging = (f: string) => f.includes('.import-') && (fs.statSync(path.join(dir, f), { throwIfNoEntry: false })?.size ?? 0) > 1 << 20;
        for (let i = 0; i < 400 && !fs.readdirSync(dir).some(staging); i++) await new Promise((r) => setTimeout(r, 50));
      } else {
        // kill inside the merge, once its first big table has been committed (orders written, the import `running`)
        for (let i = 0; i < 12_000 && !err.includes('merge sales_orders'); i++) await new Promise((r) => setTimeout(r, 10)); // phase 1 first: up to 2 min on a busy box
        expect(err).toContain('merge sales_orders');
      }
      child.kill('SIGKILL');
      await exited;
      // the app's own open removes the dead merge's rows (merge-recovery.ts); the database is in WAL
      const check = openDb(file);
      expect(check.$client.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(check.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.$client.pragma('foreign_key_check')).toEqual([]);
      check.$client.close();
      expect(await written(file), phase).toEqual(before);
    }
    expect(fs.readdirSync(dir).some((f) => f.includes('.import-'))).toBe(true);
    const r = cli([sample('customers.csv'), '--kind', 'customers', '--db', file, '--force']);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.import-'))).toEqual([]);
  }, 300_000);
});
