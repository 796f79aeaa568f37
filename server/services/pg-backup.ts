/**
 * Backup and restore of a PostgreSQL database (issue #17 item 5): `pg_dump --format=custom` (one consistent
 * snapshot, safe while the server runs) checked by `pg_restore --list`, and `pg_restore --clean
 * --single-transaction` (all or nothing, the server stopped). The scans are files beside the database, not
 * in it (services/attachments/store.ts): they travel in `<backup>.attachments/` as with SQLite. The audit log
 * and attachments tables are append-only, so every scan the dump refers to is among those the live database
 * refers to once the dump is done: those are copied. The PostgreSQL client tools must be installed (Debian:
 * postgresql-client); without them the commands refuse with what to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { pgUrlOf } from '../db';
import { putFile, sha256Sync, storedFile, attachmentsDir } from './attachments/store';
import { backupAttachmentsDir } from './attachments/backup';

/** A refusal the command line reports as exit 2 (missing tools, a database in use, a bad backup). */
export class PgBackupRefused extends Error {}

/** The URL without its password, and the environment that carries the password (never on a command line). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Refuses clearly when a client tool is not installed. */
export function requirePgTool(tool: 'pg_dump' | 'pg_restore'): void {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new PgBackupRefused(
      `找不到 ${tool}：请安装 PostgreSQL 客户端工具（Debian：apt-get install postgresql-client）/ ${tool} not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client)`,
    );
}

/** What is missing for backups on PostgreSQL (pg_dump, pg_restore), as requirePgTool says it; undefined when both are there. */
export function pgToolsMissing(): string | undefined {
  try {
    requirePgTool('pg_dump');
    requirePgTool('pg_restore');
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${tool} exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`))));
  });
}

/** `pg_dump -Fc` of the database behind `db` into `out` (written as `out.partial`, checked, then renamed), with its scans. */
export async function pgBackupTo(db: Db, out: string): Promise<{ bytes: number; attachments: number; tables: number }> {
  requirePgTool('pg_dump');
  requirePgTool('pg_restore');
  const { dbname, env } = connection(pgUrlOf(db)!);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.partial`;
  fs.rmSync(tmp, { force: true });
  await run('pg_dump', ['--format=custom', '--no-password', `--file=${tmp}`, `--dbname=${dbname}`], env);
  const tables = (await run('pg_restore', ['--list', tmp], env)).split('\n').filter((l) => / TABLE DATA /.test(l)).length;
  if (!tables) throw new Error(`备份文件不完整 / the dump lists no table data: ${tmp}`);
  const hashes = ((await db.all(sql`SELECT DISTINCT sha256 FROM attachments ORDER BY sha256`)) as Array<{ sha256: string }>).map((r) => r.sha256);
  const store = attachmentsDir(db);
  const dir = backupAttachmentsDir(out);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  for (const sha of hashes) {
    const from = storedFile(store, sha);
    if (!fs.existsSync(from)) throw new Error(`附件文件缺失 / attachment file missing from the store: ${from}`);
    const to = storedFile(partial, sha);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (hashes.length) fs.renameSync(partial, dir);
  fs.renameSync(tmp, out);
  return { bytes: fs.statSync(out).size, attachments: hashes.length, tables };
}

/**
 * Replaces the contents of the database behind `db` with the dump `from` (pg_restore --clean --if-exists
 * --single-transaction: on any error nothing changes), after checking the dump and its scans; refused while
 * anyone else is connected to the database (the server must be stopped). Then puts the scans in the store.
 */
export async function pgRestoreFrom(db: Db, from: string): Promise<{ attachments: number }> {
  requirePgTool('pg_restore');
  const { dbname, env } = connection(pgUrlOf(db)!);
  try {
    await run('pg_restore', ['--list', from], env);
  } catch (e) {
    throw new PgBackupRefused(`不是可用的 pg_dump 备份 / not a usable pg_dump backup: ${from} (${(e as Error).message})`);
  }
  // the scans the backup carries, each checked against its name before anything is touched
  const dir = backupAttachmentsDir(from);
  const scans = new Map<string, string>();
  if (fs.existsSync(dir))
    for (const sub of fs.readdirSync(dir))
      for (const rest of fs.readdirSync(path.join(dir, sub))) {
        const file = path.join(dir, sub, rest);
        if (sha256Sync(file) !== sub + rest) throw new PgBackupRefused(`附件文件校验失败 / attachment file fails its SHA-256 check: ${file}`);
        scans.set(sub + rest, file);
      }
  const others = (await db.get(
    sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  )) as { n: number };
  if (others.n > 0)
    throw new PgBackupRefused(`数据库正在使用中（${others.n} 个连接），请先停止服务 / the database is in use (${others.n} connections): stop the server first`);
  await run(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--no-password', `--dbname=${dbname}`, from],
    env,
  );
  const store = attachmentsDir(db);
  for (const [sha, file] of scans) putFile(store, file, sha);
  const missing = ((await db.all(sql`SELECT DISTINCT sha256 FROM attachments`)) as Array<{ sha256: string }>).filter(
    (r) => !fs.existsSync(storedFile(store, r.sha256)),
  );
  if (missing.length) throw new Error(`恢复后缺少附件文件 / after the restore, attachment files are missing: ${missing.length} (first ${missing[0].sha256})`);
  return { attachments: scans.size };
}
