/**
 * Recognising the text encoding of a CSV/TXT file from its bytes — a BOM (UTF-8, UTF-16 LE/BE), UTF-16
 * without one by its zero bytes, and the structural GB18030 check — shared by the importer
 * (imports/readers/encoding.ts, which also checks the whole file) and the upload wizard's preview in the
 * browser (web/src/imports/peek.ts, which sees the first 512 KB). `headEncoding` is the preview's
 * decision over a head of the file, made the importer's way.
 */
export type EncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
export interface EncodingInfo {
  /** the name reported in the import report */
  name: EncodingName;
  bom: boolean;
  /** how it was decided, for the report: 'bom' | 'utf-8 valid' | 'gb18030 valid' | 'utf-16 zero bytes' */
  evidence: 'bom' | 'valid' | 'zero-bytes';
}

/** A UTF-32 LE BOM (FF FE 00 00): not an encoding we read, though it starts like UTF-16 LE's. */
export const isUtf32LeBom = (head: Uint8Array): boolean => head.length >= 4 && head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0;

export function sniffBom(head: Uint8Array): EncodingInfo | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { name: 'utf-8', bom: true, evidence: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) return { name: 'utf-16le', bom: true, evidence: 'bom' };
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

/**
 * The encoding of a file judged from its first bytes (a cut multi-byte character at the end is no error):
 * BOM, UTF-16 zero bytes, strict UTF-8, else well-formed GB18030; null when it is none of them (the
 * importer refuses such a file).
 */
export function headEncoding(head: Uint8Array): EncodingInfo | null {
  if (isUtf32LeBom(head)) return null;
  const known = sniffBom(head) ?? sniffUtf16(head);
  if (known) return known;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { name: 'utf-8', bom: false, evidence: 'valid' };
  } catch {
    return new Gb18030Validator().push(head) < 0 ? { name: 'gb18030', bom: false, evidence: 'valid' } : null;
  }
}
