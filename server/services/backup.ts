/**
 * Online backup (SQLite's backup API: consistent while the server keeps writing), verified restore, and
 * the daily backup with retention that the server schedules.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { type Db, engineOf } from '../db';
import { dbFile } from '../../imports/run/files';
import { backupAttachments, backupAttachmentsDir, restoreAttachments, verifyBackupAttachments } from './attachments/backup';
import { pgBackupTo } from './pg-backup';

/** The database and, beside it in `<out>.attachments`, the scans it refers to (./attachments/backup.ts). */
export async function backupTo(db: Db, out: string): Promise<{ pages: number; bytes: number; attachments: number }> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.partial`;
  fs.rmSync(tmp, { force: true });
  const { totalPages } = await db.$client.backup(tmp);
  // one self-contained file: in WAL mode, reading it (the check below, a restore's) left an empty -wal and -shm
  // beside it each time, which outlived the daily backups' pruning (the server sets WAL again when it opens one)
  const copy = new Database(tmp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const check = integrityCheck(tmp);
  if (check !== 'ok') throw new Error(`backup failed its integrity check: ${check}`);
  const source = dbFile(db);
  const attachments = source ? await backupAttachments(source, tmp) : 0;
  if (fs.existsSync(backupAttachmentsDir(tmp))) {
    fs.rmSync(backupAttachmentsDir(out), { recursive: true, force: true });
    fs.renameSync(backupAttachmentsDir(tmp), backupAttachmentsDir(out));
  }
  fs.renameSync(tmp, out);
  return { pages: totalPages, bytes: fs.statSync(out).size, attachments };
}

export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  } finally {
    db.close();
  }
}

/** Replaces the database file with a verified copy of `from` (the server must be stopped). */
export async function restoreFrom(from: string, target: string): Promise<void> {
  const check = integrityCheck(from);
  if (check !== 'ok') throw new Error(`备份文件未通过完整性检查 / backup failed its integrity check: ${check}`);
  // Every scan the backup refers to must be there and intact before anything is touched.
  const scans = await verifyBackupAttachments(from, target);
  const probe = new Database(target, { fileMustExist: false });
  try {
    // A running server holds the database: refuse rather than pull it from under it. In WAL mode only
    // exclusive locking mode conflicts with another open connection, idle or not.
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch {
    throw new Error('数据库正在使用中，请先停止服务 / the database is in use: stop the server first');
  } finally {
    probe.close();
  }
  restoreAttachments(scans, target);
  const tmp = `${target}.restoring`;
  fs.copyFileSync(from, tmp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(tmp, target);
}

/**
 * Writes today's backup into `dir` (once a day) and keeps the newest `keep`: SQLite's online backup
 * (`gsp-<day>.db`), on PostgreSQL `pg_dump --format=custom` (`gsp-<day>.dump`, pg-backup.ts: the client tools
 * must be installed — main.ts checks at start). Each with its scans in `<file>.attachments/`.
 */
export async function dailyBackup(db: Db, dir: string, today: string, keep = 14): Promise<string | null> {
  const ext = engineOf(db).dialect === 'postgres' ? 'dump' : 'db';
  const out = path.join(dir, `gsp-${today}.${ext}`);
  if (fs.existsSync(out)) return null;
  if (ext === 'dump') await pgBackupTo(db, out);
  else await backupTo(db, out);
  const daily = new RegExp(`^gsp-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`);
  const old = fs
    .readdirSync(dir)
    .filter((f) => daily.test(f))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) {
    fs.rmSync(path.join(dir, f));
    fs.rmSync(backupAttachmentsDir(path.join(dir, f)), { recursive: true, force: true });
  }
  return out;
}
