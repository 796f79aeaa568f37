/**
 * Random-access bytes of an uploaded file: the XLSX reader seeks (central directory at the end), the CSV
 * reader streams. A file is read through positional reads, never loaded whole.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';

export interface ByteSource {
  readonly size: number;
  readonly name: string;
  /** up to `length` bytes from `offset` (fewer only at the end of the file) */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export const READ_CHUNK = 1024 * 1024;

export async function fileSource(path: string): Promise<ByteSource> {
  const fh: FileHandle = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    let closed = false;
    return {
      size,
      name: basename(path),
      async read(offset, length) {
        const n = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.allocUnsafe(n);
        let got = 0;
        while (got < n) {
          const { bytesRead } = await fh.read(buf, got, n - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return got === n ? buf : buf.subarray(0, got);
      },
      async close() {
        if (!closed) {
          closed = true;
          await fh.close();
        }
      },
    };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

export function bufferSource(data: Uint8Array, name = 'upload'): ByteSource {
  return {
    size: data.length,
    name,
    async read(offset, length) {
      return data.subarray(offset, Math.min(data.length, offset + length));
    },
    async close() {},
  };
}

/** Consecutive chunks of [start, end). */
export async function* readChunks(src: ByteSource, start = 0, end = src.size, chunk = READ_CHUNK): AsyncGenerator<Uint8Array> {
  for (let off = start; off < end; ) {
    const buf = await src.read(off, Math.min(chunk, end - off));
    if (buf.length === 0) return;
    off += buf.length;
    yield buf;
  }
}
