/**
 * The uploaded file on disk: its SHA-256, its stored copy `<db dir>/imports/<sha256>.<ext>`, the stored
 * reports, and the staging files of ledger imports (`<db>.import-<pid>-<n>.staging`) — a killed import
 * leaves only such a file behind, which the next import removes when its process is gone.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { type Db, pgUrlOf } from '../../server/db';
import { pgFilesAnchor } from '../../server/env';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The database file a connection has open (null for :memory:). PostgreSQL has no file: its files go beside
 * an anchor under GSP_DATA_DIR (server/env.ts pgFilesAnchor).
 */
export function dbFile(db: Db): string | null {
  const pg = pgUrlOf(db);
  if (pg) {
    const anchor = db.$client.name ?? pgFilesAnchor(pg); // the engine's filesBeside (main.ts, the tests), else the CLI's rule
    fs.mkdirSync(path.dirname(anchor), { recursive: true });
    return anchor;
  }
  const name = db.$client.name;
  return !name || name === ':memory:' ? null : path.resolve(name);
}

export function importsDir(db: Db): string {
  const f = dbFile(db);
  return path.join(f ? path.dirname(f) : process.cwd(), 'imports');
}

const EXT = /\.(csv|txt|tsv|xlsx|xlsm)$/i;
export function storedName(sha: string, fileName: string, format: string): string {
  const m = EXT.exec(fileName);
  return `${sha}.${m ? m[1].toLowerCase() : format === 'xlsx' ? 'xlsx' : 'csv'}`;
}

/**
 * Copies the original under `<db dir>/imports/` (temp name, then rename: a kill never leaves half a
 * file). Content-addressed, so a copy already there is the same file. Returns the path relative to the DB dir.
 */
export function storeOriginal(db: Db, file: string, name: string): { rel: string; abs: string; existed: boolean } {
  const dir = importsDir(db);
  fs.mkdirSync(dir, { recursive: true });
  const abs = path.join(dir, name);
  const rel = path.join('imports', name);
  if (fs.existsSync(abs)) return { rel, abs, existed: true };
  const tmp = `${abs}.${process.pid}.tmp`;
  fs.copyFileSync(file, tmp);
  fs.renameSync(tmp, abs);
  return { rel, abs, existed: false };
}

/** The stored copy's absolute path from an imports row's `stored_path`. */
export function storedPath(db: Db, rel: string): string {
  const f = dbFile(db);
  return path.resolve(f ? path.dirname(f) : process.cwd(), rel);
}

/** The stored JSON report of an import (per database file: several databases may share a directory). */
export function reportPath(db: Db, importId: number): string {
  const f = dbFile(db);
  return path.join(importsDir(db), 'reports', f ? path.basename(f) : 'memory', `${importId}.json`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let seq = 0;
/** A fresh staging file path beside the database (or in the temp dir for :memory:). */
export function stagingPath(db: Db, tmpDir: string): string {
  const f = dbFile(db);
  const base = f ?? path.join(tmpDir, 'memory.db');
  return `${base}.import-${process.pid}-${threadId}-${Date.now().toString(36)}${seq++}.staging`; // import threads share the pid
}

/** Removes staging files (and their journals) left by import processes that no longer run. */
export function removeStaleStaging(db: Db): string[] {
  const f = dbFile(db);
  if (!f) return [];
  const dir = path.dirname(f);
  const prefix = `${path.basename(f)}.import-`;
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-/.exec(name.slice(prefix.length));
    if (!m || (Number(m[1]) !== process.pid && alive(Number(m[1])))) continue;
    if (Number(m[1]) === process.pid) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  // half-written copies of originals and reports
  const idir = importsDir(db);
  for (const sub of [idir, path.join(idir, 'reports', path.basename(f))]) {
    if (!fs.existsSync(sub)) continue;
    for (const name of fs.readdirSync(sub)) {
      const m = /\.(\d+)\.tmp$/.exec(name);
      if (m && !alive(Number(m[1]))) fs.rmSync(path.join(sub, name), { force: true });
    }
  }
  return removed;
}
