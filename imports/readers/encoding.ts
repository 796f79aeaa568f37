/**
 * Text encoding of a CSV/TXT upload, detected, never guessed silently: a BOM (UTF-8, UTF-16 LE/BE) wins;
 * without one, the whole file is checked as strict UTF-8, else checked as GB18030 (a superset of GBK and
 * GB2312: `new TextDecoder('gb18030')`, never 'gbk', which garbles 4-byte characters such as 𠀀).
 * UTF-16 without a BOM is recognised by its zero bytes. Anything else is refused (`bad_encoding`): the
 * UTF-8 check covers the whole file before any row is read; the GB18030 check covers the first 8 MB up
 * front and the rest as it is decoded (fatal decoder: an invalid byte is an error, never U+FFFD).
 */
import { isUtf8 } from 'node:buffer';
import { ImportFileError } from './errors';
import { bufferSource, readChunks, type ByteSource } from './source';

export type EncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
export interface EncodingInfo {
  /** the name reported in the import report */
  name: EncodingName;
  bom: boolean;
  /** how it was decided, for the report: 'bom' | 'utf-8 valid' | 'gb18030 valid' | 'utf-16 zero bytes' */
  evidence: 'bom' | 'valid' | 'zero-bytes';
}

export function sniffBom(head: Uint8Array): EncodingInfo | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { name: 'utf-8', bom: true, evidence: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) {
    if (head[2] === 0 && head[3] === 0 && head.length >= 4) {
      throw new ImportFileError('bad_encoding', { row: 1 });
    }
    return { name: 'utf-16le', bom: true, evidence: 'bom' };
  }
  if (head[0] === 0xfe && head[1] === 0xff) return { name: 'utf-16be', bom: true, evidence: 'bom' };
  return null;
}

/** UTF-16 without BOM: most ASCII characters have a zero high byte. Returns null when not UTF-16-like. */
export function sniffUtf16(head: Uint8Array): EncodingInfo | null {
  const n = head.length - (head.length % 2);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return { name: 'utf-16le', bom: false, evidence: 'zero-bytes' };
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return { name: 'utf-16be', bom: false, evidence: 'zero-bytes' };
  return null;
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

/**
 * Structural GB18030 check, streaming (WHATWG gb18030: 0x80 is €, 0xFF is invalid; two-byte trail 40–7E
 * or 80–FE; four-byte 81–FE 30–39 81–FE 30–39). Returns the offset of the first invalid byte, or -1.
 */
export class Gb18030Validator {
  private state = 0; // 0: expecting a lead; 1: after lead; 2: after lead + digit; 3: after lead + digit + lead
  private offset = 0;
  private errorAt = -1;
  push(b: Uint8Array): number {
    if (this.errorAt >= 0) return this.errorAt;
    let st = this.state;
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      switch (st) {
        case 0:
          if (c <= 0x80) continue;
          if (c === 0xff) return (this.errorAt = this.offset + i);
          st = 1;
          break;
        case 1:
          if (c >= 0x30 && c <= 0x39) st = 2;
          else if ((c >= 0x40 && c <= 0x7e) || (c >= 0x80 && c <= 0xfe)) st = 0;
          else return (this.errorAt = this.offset + i);
          break;
        case 2:
          if (c >= 0x81 && c <= 0xfe) st = 3;
          else return (this.errorAt = this.offset + i);
          break;
        default:
          if (c >= 0x30 && c <= 0x39) st = 0;
          else return (this.errorAt = this.offset + i);
      }
    }
    this.state = st;
    this.offset += b.length;
    return -1;
  }
  end(): number {
    if (this.errorAt >= 0) return this.errorAt;
    return this.state === 0 ? -1 : this.offset;
  }
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
    if (!isUtf8(buf.subarray(0, buf.length - tail))) { utf8 = false; break; }
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
