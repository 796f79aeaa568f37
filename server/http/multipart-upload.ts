/**
 * A streaming multipart/form-data reader for uploads (POST /api/imports), over @fastify/busboy: the one file
 * part goes straight to a file on disk as its bytes arrive (busboy's back-pressure: the request is read no
 * faster than the disk takes it), a few small text fields are kept; memory holds a chunk or two, never the
 * upload. The size limit counts every byte of the body while it streams (and a Content-Length above it is
 * refused): past it nothing more is written, the partial file is removed, at most DRAIN_BYTES more are read
 * and discarded (so the client gets the answer) and UploadTooLarge is thrown. Malformed bodies (busboy's
 * errors, a second file, too many or too long fields, a body cut off) throw UploadMalformed.
 */
import Busboy from '@fastify/busboy';
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m ? (m[1] ?? m[2]) : null;
  return b && b.length <= 200 ? b : null;
}

/** Browsers escape " CR LF in a file name as %22 %0D %0A (HTML's multipart encoding); busboy keeps them escaped. */
const unescapeName = (name: string) => name.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');

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
  const reader = body.getReader();
  if (opts.contentLength != null && opts.contentLength > opts.maxBytes) {
    if (opts.contentLength - opts.maxBytes <= drainMax) await drain(reader, opts.contentLength);
    else await reader.cancel().catch(() => undefined);
    throw new UploadTooLarge(opts.maxBytes);
  }
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let fileStream: Readable | null = null;
  let outFile: fs.WriteStream | null = null;
  let written: Promise<void> | null = null;
  let failure: Error | null = null;
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const fail = (e: Error) => {
    failure ??= e;
    stop();
  };

  const bb = Busboy({
    headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` },
    limits: { fieldSize: maxFieldBytes, fields: maxFields, files: 1, headerSize: 16 * 1024 },
  });
  bb.on('file', (field, stream, filename) => {
    if (!field) {
      fail(new UploadMalformed('part without a name'));
      stream.resume();
      return;
    }
    const target = path.join(opts.dir, 'upload');
    const received: ReceivedFile = { field, name: unescapeName(filename ?? ''), path: target, size: 0 };
    file = received;
    fileStream = stream;
    const out = (outFile = fs.createWriteStream(target, { flags: 'wx' }));
    written = pipeline(stream, out).then(
      () => void (received.size = out.bytesWritten),
      (e: Error) => fail(e),
    );
  });
  bb.on('field', (field, value, _nameTruncated, valueTruncated) => {
    if (!field) fail(new UploadMalformed('part without a name'));
    else if (valueTruncated) fail(new UploadMalformed(`field ${field} too long`));
    else fields[field] = value;
  });
  bb.on('filesLimit', () => fail(new UploadMalformed('more than one file')));
  bb.on('fieldsLimit', () => fail(new UploadMalformed('too many fields')));
  bb.on('error', (e: unknown) => fail(new UploadMalformed(String((e as Error)?.message ?? e))));
  const finished = new Promise<void>((resolve) => bb.on('finish', resolve));

  let received = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.length;
      if (received > opts.maxBytes) throw new UploadTooLarge(opts.maxBytes);
      if (!bb.write(value)) await Promise.race([once(bb, 'drain'), stopped]);
      if (failure) throw failure;
    }
    bb.end();
    await Promise.race([finished, stopped]);
    if (failure) throw failure;
    await written;
    if (failure) throw failure;
    return { fields, file };
  } catch (e) {
    bb.destroy();
    (fileStream as Readable | null)?.destroy();
    // the file on disk closed before it is removed (awaiting the pipeline is not enough: a busboy file stream
    // destroyed after its part was cut short never settles it)
    const o = outFile as fs.WriteStream | null;
    if (o && !o.closed) {
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
