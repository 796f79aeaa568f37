/**
 * What a crash (kill -9, power loss) during an import or a backup leaves behind, removed when the server
 * starts: the ledger import's staging databases and half-written copies (imports/run/files.ts), the upload
 * and report temp folders (`gsp-upload-<pid>-…`, `gsp-report-<pid>-…` in the temp dir), a half-written daily
 * backup (`*.partial`) and an interrupted restore's copy (`<db>.restoring`). Only what belongs to a process
 * that no longer runs: another server or CLI import working beside this one keeps its files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbFile, removeStaleStaging } from '../../imports/run/files';
import type { Db } from '../db';

export const UPLOAD_PREFIX = 'gsp-upload-';
export const REPORT_PREFIX = 'gsp-report-';

/** A temp folder name that says which process owns it: `gsp-upload-<pid>-`. */
export const ownedTempPrefix = (prefix: string) => path.join(os.tmpdir(), `${prefix}${process.pid}-`);

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function cleanLeftovers(db: Db, backupDir?: string): string[] {
  const removed = removeStaleStaging(db);
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    const m = new RegExp(`^(?:${UPLOAD_PREFIX}|${REPORT_PREFIX})(\\d+)-`).exec(name);
    if (!m || alive(Number(m[1]))) continue;
    fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
    removed.push(path.join(tmp, name));
  }
  const file = dbFile(db);
  if (file && fs.existsSync(`${file}.restoring`)) {
    fs.rmSync(`${file}.restoring`, { force: true });
    removed.push(`${file}.restoring`);
  }
  if (backupDir && fs.existsSync(backupDir)) {
    // (with the scans' half-copied folders beside it: server/services/attachments/backup.ts)
    for (const name of fs
      .readdirSync(backupDir)
      .filter((n) => /^gsp-\d{4}-\d{2}-\d{2}\.(db|dump)(\.partial(\.attachments(\.partial)?)?|\.attachments\.partial)$/.test(n))) {
      fs.rmSync(path.join(backupDir, name), { recursive: true, force: true });
      removed.push(path.join(backupDir, name));
    }
  }
  return removed;
}
