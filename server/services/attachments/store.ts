/**
 * The bytes of the scans, beside the database: `<db dir>/attachments/ab/cdef…` named by their SHA-256, so a
 * stored file is never overwritten (the same name is the same content) and a replaced scan keeps its old
 * file. Written to a temp name and renamed into place (a crash never leaves half a file under a hash name),
 * then made read-only. What a file is, is judged by its first bytes, never by its name.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ATTACHMENT_MIME } from '../../../schema/tables/attachments';
import { type Db, pgUrlOf } from '../../db';
import { pgFilesAnchor } from '../../env';
import { clientOf } from '../records';

export type AttachmentMime = (typeof ATTACHMENT_MIME)[number];

/** The size limit of one scan: GSP_ATTACHMENT_MAX_MB (default 20 MB). */
export function attachmentLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.GSP_ATTACHMENT_MAX_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 20) * 1024 * 1024);
}

/** The store of the database file `file` (the directory beside it). */
export function attachmentsDirOf(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'attachments');
}

/** The store of the database a connection (or an open transaction) is on; `./attachments` for :memory:. */
export function attachmentsDir(db: Db): string {
  const name = clientOf(db).name; // a PostgreSQL engine's filesBeside
  const pg = pgUrlOf(db);
  if (pg && !name) return attachmentsDirOf(pgFilesAnchor(pg));
  return name && name !== ':memory:' ? attachmentsDirOf(name) : path.join(process.cwd(), 'attachments');
}

const isSha256 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

/** `ab/cdef…`: two hex characters of directory keep any one directory small. */
const relativePath = (sha: string) => path.join(sha.slice(0, 2), sha.slice(2));

export function storedFile(dir: string, sha: string): string {
  if (!isSha256(sha)) throw new Error(`not a SHA-256: ${sha}`);
  return path.join(dir, relativePath(sha));
}

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The content type by magic bytes: `%PDF-` (within the first 1 KB, as readers allow), JPEG SOI, PNG signature. */
export function sniff(head: Uint8Array): AttachmentMime | null {
  const starts = (sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(PNG)) return 'image/png';
  if (starts(JPEG)) return 'image/jpeg';
  const pdf = Buffer.from(head.subarray(0, 1024)).indexOf('%PDF-');
  return pdf >= 0 ? 'application/pdf' : null;
}

/** A name for what a refused file looks like, for the message (an EXE is named as one). */
export function describeContent(head: Uint8Array): string | null {
  if (head[0] === 0x4d && head[1] === 0x5a) return 'Windows EXE/DLL';
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'ELF';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'ZIP/Office';
  if (head[0] === 0x47 && head[1] === 0x49 && head[2] === 0x46) return 'GIF';
  if (head[0] === 0xd0 && head[1] === 0xcf) return 'Office 97-2003';
  return null;
}

export function readHead(file: string, bytes = 1024): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Puts `file` (a temp file of the caller's, SHA-256 `sha`) into the store under its hash, unless that name
 * is there already (then it is the same content and stays as it is). Returns whether it was new.
 */
export function putFile(dir: string, file: string, sha: string): { path: string; created: boolean } {
  return put(dir, sha, (tmp) => fs.copyFileSync(file, tmp));
}

/** The same for bytes in memory. */
export function putBytes(dir: string, bytes: Uint8Array, sha: string): { path: string; created: boolean } {
  return put(dir, sha, (tmp) => fs.writeFileSync(tmp, bytes));
}

function put(dir: string, sha: string, write: (tmp: string) => void): { path: string; created: boolean } {
  const target = storedFile(dir, sha);
  if (fs.existsSync(target)) return { path: target, created: false };
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  write(tmp);
  fs.chmodSync(tmp, 0o444);
  try {
    // link() fails when the name exists (a concurrent upload of the same bytes): never replaces a stored file
    fs.linkSync(tmp, target);
    return { path: target, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { path: target, created: false };
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The same hash, synchronously (restore checks every file before it replaces the database). */
export function sha256Sync(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n: number; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
