/**
 * Scans for tests: small but real PDF and PNG files (each PDF unique by its text, so each hashes apart), and
 * the multipart upload of one to a record (POST /api/attachments/:resource/:id) as a signed-in user.
 */
import { deflateSync } from 'node:zlib';
import { placeholderPdf } from '../../server/seed/scan-pdf';

/** A one-page PDF whose page says `label` (a real PDF: browsers and pdf readers open it). */
export const tinyPdf = (label: string): Buffer => placeholderPdf(label);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A small solid-colour PNG (`seed` picks the colour, so two seeds hash apart). */
export function tinyPng(seed = 1, size = 8): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, seed & 0xff)]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface UploadResult {
  status: number;
  body: any;
}

/** Uploads `bytes` as `fileName` to the record, as the user of `cookie`. */
export async function uploadScan(
  url: string,
  cookie: string,
  resource: string,
  id: number,
  kind: string,
  bytes: Buffer,
  fileName = `${kind}.pdf`,
  fields: Record<string, string> = {},
  lang = 'zh-CN',
): Promise<UploadResult> {
  const form = new FormData();
  form.set('kind', kind);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([new Uint8Array(bytes)]), fileName);
  const res = await fetch(`${url}/api/attachments/${resource}/${id}`, { method: 'POST', headers: { cookie, 'accept-language': lang }, body: form });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body };
}

/** Attaches one scan, failing the test set-up when it is refused. */
export type Attach = (resource: string, id: number, kind: string) => Promise<unknown>;
export const attachAs =
  (url: string, cookie: string): Attach =>
  async (resource, id, kind) => {
    const r = await uploadScan(url, cookie, resource, id, kind, tinyPdf(`${resource} ${id} ${kind}`));
    if (r.status !== 201) throw new Error(`set-up: scan ${kind} on ${resource}/${id}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
