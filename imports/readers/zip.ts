/**
 * A zip reader for XLSX packages, over positional reads: the central directory is read from the end, an
 * entry is inflated as a stream (node:zlib by default, or fflate). Zip-bomb guards: declared sizes and compression ratios are checked
 * before inflating, actual output is counted while inflating (never more than the declared size, never past
 * the limits), and every entry is CRC-checked when fully read.
 */
import { Inflate } from 'fflate';
import { once } from 'node:events';
import * as zlib from 'node:zlib';
import { ImportFileError, formatBytes } from './errors';
import type { ReaderLimits } from './limits';
import type { ByteSource } from './source';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/**
 * Which inflate implementation: Node's native zlib (default: about 3–4× faster on large sheets) or fflate
 * (pure JS). Both are streamed and bounded the same way.
 */
export type Inflater = 'zlib' | 'fflate';
export const DEFAULT_INFLATER: Inflater = 'zlib';

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const INFLATE_INPUT_CHUNK = 64 * 1024; // ≤ ~66 MB of output per push even for a perfect deflate bomb

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

const crc32: ((data: Uint8Array, value?: number) => number) | undefined = (zlib as any).crc32;

const corrupt = (zh: string, en: string) => new ImportFileError('corrupt', { detail: zh, detail_en: en });

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
    const tailLen = Math.min(src.size, 65535 + 22);
    const tail = await src.read(src.size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (u32(tail, i) === SIG_EOCD) { eocd = i; break; }
    }
    if (eocd < 0) throw corrupt('找不到 zip 目录，文件可能不完整', 'no zip central directory; the file may be truncated');
    let count = u16(tail, eocd + 10);
    let cdSize = u32(tail, eocd + 12);
    let cdOffset = u32(tail, eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locAt = src.size - tailLen + eocd - 20;
      const loc = locAt >= 0 ? await src.read(locAt, 20) : new Uint8Array(0);
      if (loc.length === 20 && u32(loc, 0) === SIG_EOCD64_LOCATOR) {
        const rec = await src.read(u64(loc, 8), 56);
        if (rec.length < 56 || u32(rec, 0) !== SIG_EOCD64) throw corrupt('ZIP64 目录损坏', 'bad ZIP64 directory');
        count = u64(rec, 32);
        cdSize = u64(rec, 40);
        cdOffset = u64(rec, 48);
      }
    }
    if (count > limits.maxZipEntries) {
      throw new ImportFileError('zip_bomb', { detail: `压缩包含 ${count} 个条目`, detail_en: `${count} entries in the archive` });
    }
    if (cdOffset + cdSize > src.size || cdSize > 64 * 1024 * 1024) {
      throw corrupt('zip 目录位置超出文件范围', 'zip central directory lies outside the file');
    }
    const cd = await src.read(cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    const dec = new TextDecoder('utf-8');
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || u32(cd, p) !== SIG_CENTRAL) throw corrupt('zip 目录条目损坏', 'bad zip directory entry');
      const flags = u16(cd, p + 8);
      const method = u16(cd, p + 10);
      const crc = u32(cd, p + 16);
      let compressedSize = u32(cd, p + 20);
      let size = u32(cd, p + 24);
      const nameLen = u16(cd, p + 28);
      const extraLen = u16(cd, p + 30);
      const commentLen = u16(cd, p + 32);
      let localOffset = u32(cd, p + 42);
      if (p + 46 + nameLen + extraLen > cd.length) throw corrupt('zip 目录条目损坏', 'bad zip directory entry');
      const name = dec.decode(cd.subarray(p + 46, p + 46 + nameLen));
      // ZIP64 extra field: the 0xFFFFFFFF fields, in this order
      for (let x = p + 46 + nameLen, end = x + extraLen; x + 4 <= end; ) {
        const id = u16(cd, x);
        const len = u16(cd, x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          if (size === 0xffffffff && q + 8 <= x + 4 + len) { size = u64(cd, q); q += 8; }
          if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) { compressedSize = u64(cd, q); q += 8; }
          if (localOffset === 0xffffffff && q + 8 <= x + 4 + len) { localOffset = u64(cd, q); q += 8; }
        }
        x += 4 + len;
      }
      entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipArchive(src, limits, entries, inflater);
  }

  /** Entry by path ('xl/workbook.xml'); tolerant of a leading '/', backslashes and letter case. */
  find(path: string): ZipEntry | undefined {
    const n = normalizeName(path);
    return this.byName.get(n) ?? this.byLowerName.get(n.toLowerCase());
  }

  private check(e: ZipEntry, maxBytes: number): void {
    if (e.flags & 1) throw new ImportFileError('password_protected');
    if (e.method !== 0 && e.method !== 8) {
      throw corrupt(`不支持的压缩方式 ${e.method}（${e.name}）`, `unsupported compression method ${e.method} (${e.name})`);
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
    const h = await this.src.read(e.localOffset, 30);
    if (h.length < 30 || u32(h, 0) !== SIG_LOCAL) throw corrupt(`条目 ${e.name} 的本地头损坏`, `bad local header for ${e.name}`);
    const start = e.localOffset + 30 + u16(h, 26) + u16(h, 28);
    if (start + e.compressedSize > this.src.size) throw corrupt(`条目 ${e.name} 超出文件末尾`, `${e.name} extends past the end of the file`);
    return start;
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

    if (e.method === 0 && e.size !== e.compressedSize) throw corrupt(`条目 ${e.name} 大小不一致`, `${e.name}: inconsistent sizes`);
    const chunks = e.method === 0 ? this.stored(start, end) : this.inflater === 'zlib' ? this.inflateZlib(e, start, end) : this.inflateFflate(e, start, end);
    for await (const d of chunks) {
      account(d);
      yield d;
    }
    if (produced !== e.size) {
      throw corrupt(`条目 ${e.name} 解压后大小不符（${produced} ≠ ${e.size}）`, `${e.name}: inflated size ${produced} ≠ declared ${e.size}`);
    }
    if (crc32 && crc !== e.crc) throw corrupt(`条目 ${e.name} 校验和错误`, `${e.name}: CRC mismatch`);
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
      throw corrupt(`条目 ${e.name} 解压失败：${(err as Error).message}`, `cannot inflate ${e.name}: ${(err as Error).message}`);
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
          throw corrupt(`条目 ${e.name} 解压失败：${(err as Error).message}`, `cannot inflate ${e.name}: ${(err as Error).message}`);
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
    for await (const d of this.stream(e, maxBytes)) { parts.push(d); n += d.length; }
    if (parts.length === 1) return parts[0];
    const all = new Uint8Array(n);
    let o = 0;
    for (const d of parts) { all.set(d, o); o += d.length; }
    return all;
  }
}

function normalizeName(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\/+/, '');
}
