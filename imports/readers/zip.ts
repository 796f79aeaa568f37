/**
 * A zip reader for XLSX packages, over positional reads: the central directory is read from the end
 * (schema/files/zip-directory.ts, shared with the browser's preview), an entry is inflated as a stream
 * (node:zlib by default, or fflate). Zip-bomb guards: declared sizes and compression ratios are checked
 * before inflating, actual output is counted while inflating (never more than the declared size, never past
 * the limits), and every entry is CRC-checked when fully read. Hand-written on purpose, like the XLSX reader
 * it serves (xlsx.ts): a zip library reads the whole archive or the whole entry into memory, or does not
 * stream one entry with these limits from a file that is only read through positional reads.
 */
import { Inflate } from 'fflate';
import { once } from 'node:events';
import * as zlib from 'node:zlib';
import { ImportFileError, formatBytes } from '../../schema/files/errors';
import type { ReaderLimits } from './limits';
import type { ByteSource } from './source';
import {
  centralDirectory,
  dataStart,
  endRecord,
  END_SEARCH_BYTES,
  LOCAL_HEADER_BYTES,
  normalizeName,
  zip64Record,
  zip64RecordOffset,
  ZIP64_LOCATOR_BYTES,
  ZIP64_RECORD_BYTES,
  zipCorrupt,
  type DirectoryLocation,
  type ZipEntry,
} from '../../schema/files/zip-directory';

export type { ZipEntry };

/**
 * Which inflate implementation: Node's native zlib (default: about 3–4× faster on large sheets) or fflate
 * (pure JS). Both are streamed and bounded the same way.
 */
export type Inflater = 'zlib' | 'fflate';
export const DEFAULT_INFLATER: Inflater = 'zlib';

const INFLATE_INPUT_CHUNK = 64 * 1024; // ≤ ~66 MB of output per push even for a perfect deflate bomb

// node:zlib's crc32 (Node ≥ 20.15); without it entries are not CRC-checked
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();
  /** uncompressed bytes produced so far by this archive's reads (the total limit is per file) */
  private produced = 0;

  private constructor(
    private readonly src: ByteSource,
    private readonly limits: ReaderLimits,
    readonly entries: readonly ZipEntry[],
    readonly inflater: Inflater,
  ) {
    for (const e of entries) {
      const n = normalizeName(e.name);
      if (!this.byName.has(n)) this.byName.set(n, e);
      if (!this.byLowerName.has(n.toLowerCase())) this.byLowerName.set(n.toLowerCase(), e);
    }
  }

  static async open(src: ByteSource, limits: ReaderLimits, inflater: Inflater = DEFAULT_INFLATER): Promise<ZipArchive> {
    const tailLen = Math.min(src.size, END_SEARCH_BYTES);
    const end = endRecord(await src.read(src.size - tailLen, tailLen));
    let dir: DirectoryLocation = end;
    if (end.zip64) {
      const locAt = src.size - tailLen + end.at - ZIP64_LOCATOR_BYTES;
      const recAt = locAt >= 0 ? zip64RecordOffset(await src.read(locAt, ZIP64_LOCATOR_BYTES)) : null;
      if (recAt !== null) dir = zip64Record(await src.read(recAt, ZIP64_RECORD_BYTES));
    }
    if (dir.count > limits.maxZipEntries) {
      throw new ImportFileError('zip_bomb', { detail: `压缩包含 ${dir.count} 个条目`, detail_en: `${dir.count} entries in the archive` });
    }
    if (dir.offset + dir.size > src.size || dir.size > 64 * 1024 * 1024) {
      throw zipCorrupt('zip 目录位置超出文件范围', 'zip central directory lies outside the file');
    }
    return new ZipArchive(src, limits, centralDirectory(await src.read(dir.offset, dir.size), dir.count), inflater);
  }

  /** Entry by path ('xl/workbook.xml'); tolerant of a leading '/', backslashes and letter case. */
  find(path: string): ZipEntry | undefined {
    const n = normalizeName(path);
    return this.byName.get(n) ?? this.byLowerName.get(n.toLowerCase());
  }

  private check(e: ZipEntry, maxBytes: number): void {
    if (e.flags & 1) throw new ImportFileError('password_protected');
    if (e.method !== 0 && e.method !== 8) {
      throw zipCorrupt(`不支持的压缩方式 ${e.method}（${e.name}）`, `unsupported compression method ${e.method} (${e.name})`);
    }
    if (e.size > maxBytes || this.produced + e.size > this.limits.maxUncompressedBytes) {
      throw new ImportFileError('zip_bomb', {
        detail: `${e.name} 解压后 ${formatBytes(e.size)}，上限 ${formatBytes(Math.min(maxBytes, this.limits.maxUncompressedBytes))}`,
        detail_en: `${e.name} expands to ${formatBytes(e.size)}; the limit is ${formatBytes(Math.min(maxBytes, this.limits.maxUncompressedBytes))}`,
      });
    }
    if (e.size > this.limits.ratioFloorBytes && e.size > e.compressedSize * this.limits.maxCompressionRatio) {
      const ratio = Math.round(e.size / Math.max(1, e.compressedSize));
      throw new ImportFileError('zip_bomb', {
        detail: `${e.name} 压缩比 ${ratio}:1`,
        detail_en: `${e.name} has a compression ratio of ${ratio}:1`,
      });
    }
  }

  private async dataStart(e: ZipEntry): Promise<number> {
    return dataStart(e, await this.src.read(e.localOffset, LOCAL_HEADER_BYTES), this.src.size);
  }

  /** The entry's bytes as they are inflated, in order; throws ImportFileError on any inconsistency. */
  async *stream(e: ZipEntry, maxBytes = this.limits.maxUncompressedBytes): AsyncGenerator<Uint8Array> {
    this.check(e, maxBytes);
    const start = await this.dataStart(e);
    const end = start + e.compressedSize;
    const cap = Math.min(e.size, maxBytes);
    let produced = 0;
    let crc = 0;
    const account = (d: Uint8Array) => {
      produced += d.length;
      this.produced += d.length;
      if (produced > cap) {
        throw new ImportFileError('zip_bomb', {
          detail: `${e.name} 实际解压大小超过声明的 ${formatBytes(e.size)}`,
          detail_en: `${e.name} inflates beyond its declared ${formatBytes(e.size)}`,
        });
      }
      if (this.produced > this.limits.maxUncompressedBytes) {
        throw new ImportFileError('zip_bomb', {
          detail: `解压总量超过 ${formatBytes(this.limits.maxUncompressedBytes)}`,
          detail_en: `total inflated size exceeds ${formatBytes(this.limits.maxUncompressedBytes)}`,
        });
      }
      if (crc32) crc = crc32(d, crc);
    };

    if (e.method === 0 && e.size !== e.compressedSize) throw zipCorrupt(`条目 ${e.name} 大小不一致`, `${e.name}: inconsistent sizes`);
    const chunks = e.method === 0 ? this.stored(start, end) : this.inflater === 'zlib' ? this.inflateZlib(e, start, end) : this.inflateFflate(e, start, end);
    for await (const d of chunks) {
      account(d);
      yield d;
    }
    if (produced !== e.size) {
      throw zipCorrupt(`条目 ${e.name} 解压后大小不符（${produced} ≠ ${e.size}）`, `${e.name}: inflated size ${produced} ≠ declared ${e.size}`);
    }
    if (crc32 && crc !== e.crc) throw zipCorrupt(`条目 ${e.name} 校验和错误`, `${e.name}: CRC mismatch`);
  }

  private async *stored(start: number, end: number): AsyncGenerator<Uint8Array> {
    for (let off = start; off < end; ) {
      const d = await this.src.read(off, Math.min(1024 * 1024, end - off));
      if (!d.length) break;
      off += d.length;
      yield d;
    }
  }

  /** Node's native inflate, streaming: output comes in chunks of at most 256 KB, so a bomb is stopped early. */
  private async *inflateZlib(e: ZipEntry, start: number, end: number): AsyncGenerator<Uint8Array> {
    const inf = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    const stop = new AbortController();
    const feeding = (async () => {
      try {
        for (let off = start; off < end; ) {
          const buf = await this.src.read(off, Math.min(1024 * 1024, end - off));
          if (!buf.length || stop.signal.aborted || inf.destroyed) break;
          off += buf.length;
          if (!inf.write(buf)) await once(inf, 'drain', { signal: stop.signal });
        }
        if (!inf.destroyed) inf.end();
      } catch (err) {
        if (!inf.destroyed) inf.destroy(err as Error);
      }
    })();
    try {
      for await (const chunk of inf) yield chunk as Uint8Array;
    } catch (err) {
      if (err instanceof ImportFileError) throw err;
      throw zipCorrupt(`条目 ${e.name} 解压失败：${(err as Error).message}`, `cannot inflate ${e.name}: ${(err as Error).message}`);
    } finally {
      stop.abort();
      inf.destroy();
      await feeding;
    }
  }

  /** fflate's streaming inflate (pure JS), fed in 64 KB slices: at most ~66 MB of output per slice. */
  private async *inflateFflate(e: ZipEntry, start: number, end: number): AsyncGenerator<Uint8Array> {
    const out: Uint8Array[] = [];
    const inf = new Inflate((d) => {
      if (d.length) out.push(d);
    });
    let ended = false;
    for (let off = start; !ended; ) {
      const n = Math.min(INFLATE_INPUT_CHUNK * 4, end - off);
      const buf = n > 0 ? await this.src.read(off, n) : new Uint8Array(0);
      off += buf.length;
      const last = off >= end || buf.length === 0;
      for (let i = 0; i < buf.length || (last && i === 0); i += INFLATE_INPUT_CHUNK) {
        const fin = last && i + INFLATE_INPUT_CHUNK >= buf.length;
        try {
          inf.push(buf.subarray(i, i + INFLATE_INPUT_CHUNK), fin);
        } catch (err) {
          throw zipCorrupt(`条目 ${e.name} 解压失败：${(err as Error).message}`, `cannot inflate ${e.name}: ${(err as Error).message}`);
        }
        // hand each slice's output on (and let the caller count it) before inflating more
        while (out.length) yield out.shift()!;
        if (fin) break;
      }
      ended = last;
    }
  }

  /** The whole entry (small parts: workbook, styles, shared strings), at most `maxBytes`. */
  async read(e: ZipEntry, maxBytes = this.limits.maxPartBytes): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let n = 0;
    for await (const d of this.stream(e, maxBytes)) {
      parts.push(d);
      n += d.length;
    }
    if (parts.length === 1) return parts[0];
    const all = new Uint8Array(n);
    let o = 0;
    for (const d of parts) {
      all.set(d, o);
      o += d.length;
    }
    return all;
  }
}
