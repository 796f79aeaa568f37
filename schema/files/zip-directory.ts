/**
 * The structure of a zip (an XLSX package), read from bytes without Node: the end record (and its ZIP64
 * form), the central directory's entries and where an entry's data starts. Shared by the importer's
 * streaming zip reader (imports/readers/zip.ts, over positional reads of a file) and the upload wizard's
 * preview in the browser (web/src/imports/peek.ts, over the file's bytes). Damage is an
 * ImportFileError('corrupt') saying what is wrong.
 */
import { ImportFileError } from './errors';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** Where the central directory is, and how many entries it holds. */
export interface DirectoryLocation {
  count: number;
  size: number;
  offset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
/** the end record (22 bytes) plus the longest comment: how much of the file's end to read for it */
export const END_SEARCH_BYTES = 65535 + 22;
export const ZIP64_LOCATOR_BYTES = 20;
export const ZIP64_RECORD_BYTES = 56;
export const LOCAL_HEADER_BYTES = 30;

export const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
export const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

export const zipCorrupt = (zh: string, en: string) => new ImportFileError('corrupt', { detail: zh, detail_en: en });

/** Whether the bytes start like a zip (a local file header, or the end record of an empty one). */
export const isZip = (head: Uint8Array): boolean => head.length >= 4 && (u32(head, 0) === SIG_LOCAL || u32(head, 0) === SIG_EOCD);

/**
 * The end record, searched backwards in `tail` (the file's last END_SEARCH_BYTES). `zip64` is true when
 * its fields are saturated: then the ZIP64 locator, ZIP64_LOCATOR_BYTES before the record (`at`), tells more.
 */
export function endRecord(tail: Uint8Array): DirectoryLocation & { at: number; zip64: boolean } {
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === SIG_EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw zipCorrupt('找不到 zip 目录，文件可能不完整', 'no zip central directory; the file may be truncated');
  const count = u16(tail, at + 10);
  const size = u32(tail, at + 12);
  const offset = u32(tail, at + 16);
  return { at, count, size, offset, zip64: count === 0xffff || size === 0xffffffff || offset === 0xffffffff };
}

/** The file offset of the ZIP64 end record named by a locator, or null when `loc` is no locator. */
export function zip64RecordOffset(loc: Uint8Array): number | null {
  return loc.length === ZIP64_LOCATOR_BYTES && u32(loc, 0) === SIG_EOCD64_LOCATOR ? u64(loc, 8) : null;
}

export function zip64Record(rec: Uint8Array): DirectoryLocation {
  if (rec.length < ZIP64_RECORD_BYTES || u32(rec, 0) !== SIG_EOCD64) throw zipCorrupt('ZIP64 目录损坏', 'bad ZIP64 directory');
  return { count: u64(rec, 32), size: u64(rec, 40), offset: u64(rec, 48) };
}

/** The entries of the central directory `cd` (its `count` records, ZIP64 extra fields applied). */
export function centralDirectory(cd: Uint8Array, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const dec = new TextDecoder('utf-8');
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || u32(cd, p) !== SIG_CENTRAL) throw zipCorrupt('zip 目录条目损坏', 'bad zip directory entry');
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    const crc = u32(cd, p + 16);
    let compressedSize = u32(cd, p + 20);
    let size = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    let localOffset = u32(cd, p + 42);
    if (p + 46 + nameLen + extraLen > cd.length) throw zipCorrupt('zip 目录条目损坏', 'bad zip directory entry');
    const name = dec.decode(cd.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: the 0xFFFFFFFF fields, in this order
    for (let x = p + 46 + nameLen, end = x + extraLen; x + 4 <= end; ) {
      const id = u16(cd, x);
      const len = u16(cd, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff && q + 8 <= x + 4 + len) {
          size = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= x + 4 + len) {
          localOffset = u64(cd, q);
          q += 8;
        }
      }
      x += 4 + len;
    }
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where the entry's data starts, from its local header (`header`: LOCAL_HEADER_BYTES at its localOffset). */
export function dataStart(e: ZipEntry, header: Uint8Array, fileSize: number): number {
  if (header.length < LOCAL_HEADER_BYTES || u32(header, 0) !== SIG_LOCAL) throw zipCorrupt(`条目 ${e.name} 的本地头损坏`, `bad local header for ${e.name}`);
  const start = e.localOffset + LOCAL_HEADER_BYTES + u16(header, 26) + u16(header, 28);
  if (start + e.compressedSize > fileSize) throw zipCorrupt(`条目 ${e.name} 超出文件末尾`, `${e.name} extends past the end of the file`);
  return start;
}

/** A part path as the package names it: forward slashes, no leading '/'. */
export const normalizeName = (p: string): string => p.replace(/\\/g, '/').replace(/^\/+/, '');
