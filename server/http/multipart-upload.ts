/**
 * A streaming multipart/form-data reader for uploads (POST /api/imports): the one file part goes straight
 * to a file on disk as its bytes arrive, a few small text fields are kept; memory holds one chunk at a time,
 * never the upload. The size limit counts every byte of the body while it streams (and a Content-Length
 * above it is refused): past it nothing more is written, the partial file is removed, at most DRAIN_BYTES
 * more are read and discarded (so the client gets the answer) and UploadTooLarge is thrown. Malformed bodies throw UploadMalformed. (No dependency: busboy is not in the
 * project, and one file part plus text fields is all the importer takes.)
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';

export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`upload larger than ${limit} bytes`);
    this.name = 'UploadTooLarge';
  }
}

export class UploadMalformed extends Error {
  constructor(readonly reason: string) {
    super(`malformed multipart body: ${reason}`);
    this.name = 'UploadMalformed';
  }
}

export interface ReceivedFile {
  /** the field name (the importer uses "file") */
  field: string;
  /** the client's file name */
  name: string;
  /** where its bytes were written */
  path: string;
  size: number;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: ReceivedFile | null;
}

export interface UploadOptions {
  /** a directory of the caller's; the file is written in it as `upload` (the caller removes the directory) */
  dir: string;
  /** the whole body, in bytes */
  maxBytes: number;
  maxFieldBytes?: number;
  maxFields?: number;
  /** how much of an oversized body is still read (and discarded) so the client gets the answer */
  drainBytes?: number;
}

export const DRAIN_BYTES = 64 * 1024 * 1024;

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m ? (m[1] ?? m[2]) : null;
  return b && b.length <= 200 ? b : null;
}

/** `form-data; name="file"; filename="台账.csv"` (browsers send UTF-8 and escape " CR LF as %22 %0D %0A). */
function disposition(header: string): { name: string | null; filename: string | null } {
  const param = (key: string) => {
    const quoted = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
    if (quoted) return quoted[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
    const bare = new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(header);
    return bare ? bare[1] : null;
  };
  const star = /;\s*filename\*=UTF-8''([^;\s]+)/i.exec(header);
  let filename = param('filename');
  if (star) {
    try { filename = decodeURIComponent(star[1]); } catch { /* keep the plain one */ }
  }
  return { name: param('name'), filename };
}

function partHeaders(raw: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of raw.toString('utf8').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

/**
 * Reads `body` (the request's web ReadableStream) as multipart with `boundary`. At most one file part; a
 * second one, a field over `maxFieldBytes`, more than `maxFields` fields or a body that ends before its
 * closing boundary is malformed.
 */
export async function receiveMultipart(
  body: ReadableStream<Uint8Array> | null,
  boundary: string,
  opts: UploadOptions & { contentLength?: number | null },
): Promise<ReceivedUpload> {
  const maxFieldBytes = opts.maxFieldBytes ?? 1024 * 1024;
  const maxFields = opts.maxFields ?? 32;
  const drainMax = opts.drainBytes ?? DRAIN_BYTES;
  if (!body) throw new UploadMalformed('empty body');
  if (opts.contentLength != null && opts.contentLength > opts.maxBytes) {
    const reader = body.getReader();
    if (opts.contentLength - opts.maxBytes <= drainMax) await drain(reader, opts.contentLength);
    else await reader.cancel().catch(() => undefined);
    throw new UploadTooLarge(opts.maxBytes);
  }
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let out: fs.WriteStream | null = null;
  let fieldName: string | null = null;
  let fieldParts: Buffer[] = [];
  let fieldSize = 0;
  let fieldCount = 0;

  // "\r\n" before the first boundary lets every boundary be found as `delimiter`
  let buf: Buffer = Buffer.from(CRLF);
  let state: 'preamble' | 'after-boundary' | 'headers' | 'body' | 'end' = 'preamble';
  let received = 0;
  const reader = body.getReader();

  const write = async (data: Buffer) => {
    if (!data.length) return;
    if (out) {
      file!.size += data.length;
      if (!out.write(data)) await once(out, 'drain');
    } else if (fieldName !== null) {
      fieldSize += data.length;
      if (fieldSize > maxFieldBytes) throw new UploadMalformed(`field ${fieldName} too long`);
      fieldParts.push(data);
    }
  };
  const endPart = async () => {
    if (out) {
      const o = out;
      out = null;
      await new Promise<void>((resolve, reject) => o.end((e?: Error | null) => (e ? reject(e) : resolve())));
    } else if (fieldName !== null) {
      fields[fieldName] = Buffer.concat(fieldParts).toString('utf8');
      fieldName = null;
      fieldParts = [];
      fieldSize = 0;
    }
  };
  const startPart = (headers: Map<string, string>) => {
    const d = disposition(headers.get('content-disposition') ?? '');
    if (!d.name) throw new UploadMalformed('part without a name');
    if (d.filename !== null) {
      if (file) throw new UploadMalformed('more than one file');
      const target = path.join(opts.dir, 'upload');
      file = { field: d.name, name: d.filename, path: target, size: 0 };
      out = fs.createWriteStream(target, { flags: 'wx' });
    } else {
      if (++fieldCount > maxFields) throw new UploadMalformed('too many fields');
      fieldName = d.name;
    }
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.length;
      if (received > opts.maxBytes) throw new UploadTooLarge(opts.maxBytes);
      buf = buf.length ? Buffer.concat([buf, value]) : Buffer.from(value.buffer, value.byteOffset, value.length);
      // consume as much of `buf` as the state machine can
      for (;;) {
        if (state === 'preamble') {
          const i = buf.indexOf(delimiter);
          if (i < 0) { buf = buf.subarray(Math.max(0, buf.length - delimiter.length)); break; }
          buf = buf.subarray(i + delimiter.length);
          state = 'after-boundary';
        } else if (state === 'after-boundary') {
          if (buf.length < 2) break;
          if (buf[0] === 0x2d && buf[1] === 0x2d) { state = 'end'; buf = Buffer.alloc(0); break; }
          const eol = buf.indexOf(CRLF);
          if (eol < 0) { if (buf.length > 256) throw new UploadMalformed('bad boundary line'); break; }
          buf = buf.subarray(eol + 2);
          state = 'headers';
        } else if (state === 'headers') {
          const i = buf.indexOf(HEADER_END);
          const blank = buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a; // a part without headers
          if (i < 0 && !blank) { if (buf.length > MAX_HEADER_BYTES) throw new UploadMalformed('part headers too long'); break; }
          startPart(partHeaders(blank ? Buffer.alloc(0) : buf.subarray(0, i)));
          buf = buf.subarray(blank ? 2 : i + HEADER_END.length);
          state = 'body';
        } else if (state === 'body') {
          const i = buf.indexOf(delimiter);
          if (i < 0) {
            // keep what could be the start of a delimiter split across chunks
            const keep = Math.min(buf.length, delimiter.length - 1);
            await write(buf.subarray(0, buf.length - keep));
            buf = Buffer.from(buf.subarray(buf.length - keep));
            break;
          }
          await write(buf.subarray(0, i));
          await endPart();
          buf = buf.subarray(i + delimiter.length);
          state = 'after-boundary';
        } else {
          buf = Buffer.alloc(0); // the epilogue is ignored
          break;
        }
      }
    }
    if (state !== 'end') throw new UploadMalformed('the body ended before its closing boundary');
    return { fields, file };
  } catch (e) {
    const o = out as fs.WriteStream | null;
    if (o) {
      o.destroy();
      await once(o, 'close').catch(() => undefined);
    }
    if (file) fs.rmSync((file as ReceivedFile).path, { force: true });
    // Past the limit, a moderate rest is read and discarded so that the client, still sending, gets the 413
    // (a client whose connection is closed mid-send often reports a network error instead).
    if (e instanceof UploadTooLarge) await drain(reader, drainMax);
    else await reader.cancel().catch(() => undefined);
    throw e;
  }
}

/** Reads and discards the rest of a body, up to `budget` more bytes; then gives up (cancels). */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      left -= value.length;
      if (left < 0) break;
    }
  } catch {
    return; // the client went away
  }
  await reader.cancel().catch(() => undefined);
}
