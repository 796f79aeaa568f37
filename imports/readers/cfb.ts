/**
 * Just enough of the OLE Compound File Binary format (MS-CFB) to list the stream names of a file that starts
 * with D0 CF 11 E0: a legacy .xls has a `Workbook` (or `Book`) stream, an encrypted OOXML file has
 * `EncryptionInfo` + `EncryptedPackage`. Every chain walk is bounded, so a hostile file cannot loop.
 */
import type { ByteSource } from './source';

export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
const MAX_SECTORS_WALKED = 100_000;

export function hasOleSignature(head: Uint8Array): boolean {
  return OLE_SIGNATURE.every((b, i) => head[i] === b);
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** Names of the entries in the compound file's directory (streams and storages). Throws on malformed input. */
export async function listOleEntries(src: ByteSource): Promise<string[]> {
  const header = await src.read(0, 512);
  if (header.length < 512 || !hasOleSignature(header)) throw new Error('not an OLE compound file');
  const shift = u16(header, 0x1e);
  if (shift !== 9 && shift !== 12) throw new Error(`bad sector shift ${shift}`);
  const ss = 1 << shift;
  const perSector = ss / 4;
  const firstDir = u32(header, 0x30);
  let difatSector = u32(header, 0x44);
  const difat: number[] = [];
  for (let i = 0; i < 109; i++) difat.push(u32(header, 0x4c + i * 4));
  const sectorOffset = (n: number) => (n + 1) * ss;
  const readSector = async (n: number) => {
    const off = sectorOffset(n);
    if (off + ss > src.size + ss) throw new Error('sector beyond end of file');
    return src.read(off, ss);
  };

  // FAT sector numbers beyond the 109 in the header come from the DIFAT chain, fetched on demand.
  let difatWalked = 0;
  const fatSectorNumber = async (index: number): Promise<number> => {
    while (index >= difat.length) {
      if (difatSector === END_OF_CHAIN || difatSector === FREE_SECT || ++difatWalked > MAX_SECTORS_WALKED) {
        throw new Error('FAT index out of range');
      }
      const d = await readSector(difatSector);
      for (let i = 0; i < perSector - 1; i++) difat.push(u32(d, i * 4));
      difatSector = u32(d, (perSector - 1) * 4);
    }
    return difat[index];
  };
  const fatCache = new Map<number, Uint8Array>();
  const next = async (sector: number): Promise<number> => {
    const fi = Math.floor(sector / perSector);
    let fat = fatCache.get(fi);
    if (!fat) {
      const n = await fatSectorNumber(fi);
      if (n === FREE_SECT || n === END_OF_CHAIN) throw new Error('missing FAT sector');
      fat = await readSector(n);
      fatCache.set(fi, fat);
    }
    return u32(fat, (sector % perSector) * 4);
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (let s = firstDir; s !== END_OF_CHAIN; s = await next(s)) {
    if (s === FREE_SECT || seen.has(s) || seen.size > MAX_SECTORS_WALKED) throw new Error('bad directory chain');
    seen.add(s);
    const d = await readSector(s);
    for (let e = 0; e + 128 <= d.length; e += 128) {
      const type = d[e + 0x42];
      if (type === 0) continue;
      const len = Math.min(64, u16(d, e + 0x40));
      let name = '';
      for (let i = 0; i + 1 < len - 1; i += 2) name += String.fromCharCode(u16(d, e + i));
      names.push(name);
    }
  }
  return names;
}

export type OleKind = 'encrypted_ooxml' | 'xls' | 'other';

/** What kind of OLE file this is; `xls` when the directory cannot be read (most OLE uploads are .xls). */
export async function classifyOle(src: ByteSource): Promise<{ kind: OleKind; names: string[] }> {
  let names: string[];
  try {
    names = await listOleEntries(src);
  } catch {
    return { kind: 'xls', names: [] };
  }
  const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
  if (has('EncryptionInfo') || has('EncryptedPackage')) return { kind: 'encrypted_ooxml', names };
  if (has('Workbook') || has('Book')) return { kind: 'xls', names };
  return { kind: 'other', names };
}
