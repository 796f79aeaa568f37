/**
 * The scans travel with the database backup: `<backup>.db.attachments/ab/cdef…` beside the backup file holds
 * every file the backed-up database refers to (hard links into the store where the file system allows: the
 * stored files are read-only and never rewritten, so a link is as good as a copy and costs no space), and a
 * restore checks each file's SHA-256 before the database is replaced, then puts them into the target's store.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { attachmentsDirOf, putFile, sha256Sync, storedFile } from './store';

export const backupAttachmentsDir = (backupFile: string) => `${backupFile}.attachments`;

/** The hashes a database file refers to (none for a database from before attachments existed). */
export async function referencedHashes(file: string): Promise<string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has = await db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get();
    return has ? ((await db.prepare('SELECT DISTINCT sha256 FROM attachments ORDER BY sha256').pluck().all()) as string[]) : [];
  } finally {
    db.close();
  }
}

/** Copies the files `backupFile` refers to from the store of `dbFile` into `<backupFile>.attachments` (replaced whole). */
export async function backupAttachments(dbFile: string, backupFile: string): Promise<number> {
  const hashes = await referencedHashes(backupFile);
  const out = backupAttachmentsDir(backupFile);
  const tmp = `${out}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const store = attachmentsDirOf(dbFile);
  for (const sha of hashes) {
    const from = storedFile(store, sha);
    const to = storedFile(tmp, sha);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`附件文件缺失 / attachment file missing from the store: ${from}`);
      fs.copyFileSync(from, to); // another file system: a copy
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  if (hashes.length) fs.renameSync(tmp, out);
  else fs.rmSync(tmp, { recursive: true, force: true });
  return hashes.length;
}

/**
 * Before a restore: every file the backup refers to is in `<backup>.attachments` (or already in the target's
 * store) and hashes to its name. Returns where each one is; throws naming the first that is not.
 */
export async function verifyBackupAttachments(backupFile: string, target: string): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const dirs = [backupAttachmentsDir(backupFile), attachmentsDirOf(target)];
  for (const sha of await referencedHashes(backupFile)) {
    const found = dirs.map((d) => storedFile(d, sha)).find((f) => fs.existsSync(f));
    if (!found) throw new Error(`备份缺少附件文件 / the backup lacks an attachment file: ${sha}`);
    if (sha256Sync(found) !== sha) throw new Error(`附件文件校验失败 / attachment file fails its SHA-256 check: ${found}`);
    sources.set(sha, found);
  }
  return sources;
}

/** Puts the verified files into the target's store (a file already there under its hash stays). */
export function restoreAttachments(sources: Map<string, string>, target: string): number {
  const store = attachmentsDirOf(target);
  for (const [sha, from] of sources) putFile(store, from, sha);
  return sources.size;
}
