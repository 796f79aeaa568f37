/**
 * Text encoding of a CSV/TXT upload, detected, never guessed silently: a BOM (UTF-8, UTF-16 LE/BE) wins;
 * without one, the whole file is checked as strict UTF-8, else checked as GB18030 (a superset of GBK and
 * GB2312: `new TextDecoder('gb18030')`, never 'gbk', which garbles 4-byte characters such as 𠀀).
 * UTF-16 without a BOM is recognised by its zero bytes. Anything else is refused (`bad_encoding`): the
 * UTF-8 check covers the whole file before any row is read; the GB18030 check covers the first 8 MB up
 * front and the rest as it is decoded (fatal decoder: an invalid byte is an error, never U+FFFD).
 */
import { isUtf8 } from 'node:buffer';
import { ImportFileError } from '../../schema/files/errors';
import { bufferSource, readChunks, type ByteSource } from './source';
import { Gb18030Validator, isUtf32LeBom, sniffBom as sniffTextBom, sniffUtf16, type EncodingInfo } from '../../schema/files/text-encoding';

/** The BOM's encoding; a UTF-32 BOM is refused (bad_encoding), not read as UTF-16. */
export function sniffBom(head: Uint8Array): EncodingInfo | null {
  if (isUtf32LeBom(head)) throw new ImportFileError('bad_encoding', { row: 1 });
  return sniffTextBom(head);
}

/** Length of an incomplete UTF-8 sequence at the end of `b` (0–3 bytes to carry into the next chunk). */
function utf8Tail(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k];
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > k ? k : 0;
    }
  }
  return 0;
}

/** How much of a non-UTF-8 file is checked as GB18030 before any row is read. */
export const GB18030_PRECHECK_BYTES = 8 * 1024 * 1024;

async function rowAt(src: ByteSource, offset: number): Promise<number> {
  let row = 1;
  for await (const chunk of readChunks(src, 0, offset)) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) row++;
  }
  return row;
}

/**
 * Reads the whole file once (fast: native UTF-8 validation) and says how to decode it.
 * Throws ImportFileError('bad_encoding') when it is neither UTF-8 nor GB18030.
 */
export async function detectEncoding(src: ByteSource): Promise<EncodingInfo> {
  const head = await src.read(0, 64 * 1024);
  const bom = sniffBom(head);
  if (bom) return bom;
  const u16 = sniffUtf16(head);
  if (u16) return u16;

  let carry: Uint8Array = new Uint8Array(0);
  let utf8 = true;
  for await (const chunk of readChunks(src)) {
    let buf = chunk;
    if (carry.length) {
      buf = new Uint8Array(carry.length + chunk.length);
      buf.set(carry);
      buf.set(chunk, carry.length);
    }
    const tail = utf8Tail(buf);
    if (!isUtf8(buf.subarray(0, buf.length - tail))) {
      utf8 = false;
      break;
    }
    carry = buf.slice(buf.length - tail);
  }
  if (utf8 && carry.length === 0) return { name: 'utf-8', bom: false, evidence: 'valid' };

  // Not UTF-8. The start of the file must be well-formed GB18030 (an early, clear refusal for Shift-JIS,
  // Big5 with odd bytes, binary…); the rest is checked while decoding, with a fatal decoder.
  const v = new Gb18030Validator();
  let bad = -1;
  const checkEnd = Math.min(src.size, GB18030_PRECHECK_BYTES);
  for await (const chunk of readChunks(src, 0, checkEnd)) {
    bad = v.push(chunk);
    if (bad >= 0) break;
  }
  if (bad < 0 && checkEnd === src.size) bad = v.end();
  if (bad >= 0) throw new ImportFileError('bad_encoding', { row: await rowAt(src, bad) });
  return { name: 'gb18030', bom: false, evidence: 'valid' };
}

/** A streaming decoder: feed chunks in order, `final` on the last; characters split across chunks survive. */
export function createTextDecoder(enc: EncodingInfo): (chunk: Uint8Array, final: boolean) => string {
  // fatal: a byte sequence invalid in the detected encoding is an error, not a silent U+FFFD.
  const td = new TextDecoder(enc.name, { fatal: true });
  return (chunk, final) => td.decode(chunk, { stream: !final });
}

/** Decode a whole buffer (tests, small files). */
export async function decodeBytes(bytes: Uint8Array): Promise<{ text: string; encoding: EncodingInfo }> {
  const encoding = await detectEncoding(bufferSource(bytes));
  return { text: createTextDecoder(encoding)(bytes, true), encoding };
}
