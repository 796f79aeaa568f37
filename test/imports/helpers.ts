/** Fixtures for the reader tests: encoded bytes, hand-made zips and OLE files, exceljs workbooks. */
import ExcelJS from 'exceljs';
import { zipSync, strToU8, type Zippable } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import type { SheetRow } from '../../schema/files/cells';
import { bufferSource, type ByteSource } from '../../imports/readers/source';
import { CORPORA_DIR, SAMPLES_DIR } from '../helpers/shared';

export const SAMPLES = SAMPLES_DIR;
export const CORPORA = CORPORA_DIR;

export const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name));

/** 𠀀 (U+20000) in GB18030 is four bytes; TextDecoder('gbk') garbles them. */
export const GB18030_U20000 = [0x95, 0x32, 0x82, 0x36];

/** Real GBK bytes: the sample ledger's header line and first record (销售单号,日期,… / 长沙市恒信医院 …). */
export function gbkLines(n = 2): Uint8Array {
  const all = sample('ledger-gbk.csv');
  let end = 0;
  for (let i = 0, seen = 0; i < all.length; i++)
    if (all[i] === 0x0a && ++seen === n) {
      end = i + 1;
      break;
    }
  return all.subarray(0, end);
}

export function concat(...parts: Array<Uint8Array | number[] | string>): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

export function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (c: number) => {
    if (endian === 'le') {
      out[o++] = c & 0xff;
      out[o++] = c >> 8;
    } else {
      out[o++] = c >> 8;
      out[o++] = c & 0xff;
    }
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

export const src = (bytes: Uint8Array, name = 'test.csv'): ByteSource => bufferSource(bytes, name);

export async function collect(it: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of it) out.push(r);
  return out;
}

// ---- hand-made XLSX packages ----

const CT = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface RawSheet {
  name: string;
  /** the whole worksheet XML, or just the inside of <sheetData> */
  xml?: string;
  sheetData?: string;
  state?: 'hidden' | 'veryHidden';
}

export function worksheetXml(sheetData: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${RNS}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

/** A minimal but complete XLSX: workbook, rels, optional styles and shared strings, the given sheets. */
export function rawXlsx(opts: {
  sheets: RawSheet[];
  sharedStrings?: string[] | string;
  /** cellXfs numFmtIds, plus custom formats */
  styles?: { xfs: number[]; numFmts?: Record<number, string> } | string;
  date1904?: boolean;
  extra?: Zippable;
}): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8(CT),
    '_rels/.rels': strToU8(ROOT_RELS),
  };
  const rels: string[] = [];
  const sheets: string[] = [];
  opts.sheets.forEach((s, i) => {
    rels.push(`<Relationship Id="rId${i + 1}" Type="${RNS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    sheets.push(`<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`);
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml ?? worksheetXml(s.sheetData ?? ''));
  });
  if (opts.sharedStrings !== undefined) {
    rels.push(`<Relationship Id="rIdS" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/>`);
    const sst =
      typeof opts.sharedStrings === 'string'
        ? opts.sharedStrings
        : `<sst xmlns="${NS}">${opts.sharedStrings.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join('')}</sst>`;
    files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>${sst}`);
  }
  if (opts.styles !== undefined) {
    rels.push(`<Relationship Id="rIdY" Type="${RNS}/styles" Target="styles.xml"/>`);
    let xml: string;
    if (typeof opts.styles === 'string') xml = opts.styles;
    else {
      const fmts = Object.entries(opts.styles.numFmts ?? {});
      xml =
        `<styleSheet xmlns="${NS}">${fmts.length ? `<numFmts count="${fmts.length}">${fmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`).join('')}</numFmts>` : ''}` +
        `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
        `<cellXfs count="${opts.styles.xfs.length}">${opts.styles.xfs.map((id) => `<xf numFmtId="${id}" fontId="0"/>`).join('')}</cellXfs></styleSheet>`;
    }
    files['xl/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);
  }
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.join('')}</sheets></workbook>`,
  );
  return zipSync({ ...files, ...(opts.extra ?? {}) });
}

// ---- OLE compound files ----

/** A minimal valid compound file whose directory lists `names` (as streams). */
export function oleFile(names: string[]): Uint8Array {
  const SS = 512;
  const out = new Uint8Array(SS * 3);
  const dv = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  dv.setUint16(0x18, 0x3e, true);
  dv.setUint16(0x1a, 3, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // one FAT sector
  dv.setUint32(0x30, 1, true); // directory at sector 1
  dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, 0xfffffffe, true);
  dv.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // FAT (sector 0, file offset 512): sector 0 = FAT, sector 1 = end of directory chain
  for (let i = 0; i < 128; i++) dv.setUint32(SS + i * 4, 0xffffffff, true);
  dv.setUint32(SS, 0xfffffffd, true);
  dv.setUint32(SS + 4, 0xfffffffe, true);
  // directory (sector 1, file offset 1024): root + up to 3 entries
  const entry = (idx: number, name: string, type: number) => {
    const base = SS * 2 + idx * 128;
    for (let i = 0; i < name.length; i++) dv.setUint16(base + i * 2, name.charCodeAt(i), true);
    dv.setUint16(base + 0x40, (name.length + 1) * 2, true);
    out[base + 0x42] = type;
  };
  entry(0, 'Root Entry', 5);
  names.slice(0, 3).forEach((n, i) => entry(i + 1, n, 2));
  return out;
}

// ---- exceljs workbooks ----

export async function excelBook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
