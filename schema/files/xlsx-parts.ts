/**
 * The small parts of an XLSX package, parsed whole: relationships, workbook (sheet names, states, date1904),
 * styles (which cell formats are dates); shared strings through their streaming scanner (xlsx-sst.ts).
 */
import { attr, scanXml } from './xml';
import { SharedStringsScanner } from './xlsx-sst';

export interface Relationship {
  id: string;
  type: string;
  /** package path, resolved against the source part ('xl/worksheets/sheet1.xml') */
  target: string;
  external: boolean;
}

/** Directory of a part path: 'xl/workbook.xml' → 'xl/'. */
export function partDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** Resolves a relationship target ('worksheets/sheet1.xml', '../x.xml', '/xl/x.xml') against `baseDir`. */
export function resolveTarget(baseDir: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const parts = (t.startsWith('/') ? t.slice(1) : baseDir + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The `_rels/x.rels` path of a part. */
export function relsPathOf(part: string): string {
  return `${partDir(part)}_rels/${part.slice(partDir(part).length)}.rels`;
}

export function parseRels(xml: string, sourcePart: string, partName: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const base = partDir(sourcePart);
  scanXml(
    xml,
    {
      open(name, attrs) {
        if (name !== 'Relationship') return;
        const id = attr(attrs, 'Id') ?? '';
        const target = attr(attrs, 'Target') ?? '';
        const external = (attr(attrs, 'TargetMode') ?? '').toLowerCase() === 'external';
        rels.set(id, { id, type: attr(attrs, 'Type') ?? '', target: external ? target : resolveTarget(base, target), external });
      },
    },
    partName,
  );
  return rels;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';
export interface WorkbookSheet {
  name: string;
  rid: string;
  state: SheetState;
}
export interface WorkbookInfo {
  date1904: boolean;
  sheets: WorkbookSheet[];
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

export function parseWorkbook(xml: string, partName: string): WorkbookInfo {
  const info: WorkbookInfo = { date1904: false, sheets: [] };
  scanXml(
    xml,
    {
      open(name, attrs) {
        if (name === 'workbookPr') {
          // extLst may hold an x14:workbookPr without date1904: only the attribute decides
          const v = attr(attrs, 'date1904');
          if (v !== undefined) info.date1904 = truthy(v);
        } else if (name === 'sheet') {
          const state = attr(attrs, 'state');
          info.sheets.push({
            name: attr(attrs, 'name') ?? `Sheet${info.sheets.length + 1}`,
            rid: attr(attrs, 'id') ?? '',
            state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          });
        }
      },
    },
    partName,
  );
  return info;
}

/** Built-in number formats that display dates or times (ECMA-376 18.8.30, plus the CJK ids 27–36, 50–58). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code shows a date/time when, outside quotes, escapes and [brackets], it has y m d h s. */
export function isDateFormat(code: string): boolean {
  const section = code.split(';')[0];
  // [h], [mm], [ss] are elapsed times (durations) — still time-like; [Red], [$-804], [DBNum1] are not
  const stripped = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  if (/general/i.test(stripped) && !/[ymd]/i.test(stripped.replace(/general/gi, ''))) return false;
  return /[ymdhs]/i.test(stripped.replace(/e\+|e-/gi, '')) && !/^[#0.,%\s?/E+-]*$/i.test(stripped);
}

/** Zero-padded code formats such as "00000": the number is an identifier shown with leading zeros. */
function zeroPadWidth(code: string): number {
  const m = /^0{2,}$/.exec(code.trim());
  return m ? code.trim().length : 0;
}

export interface StyleInfo {
  /** per cellXfs index: true when the number format is a date/time */
  isDate: boolean[];
  /** per cellXfs index: width of a "00000" format, else 0 */
  padWidth: number[];
}

export function parseStyles(xml: string, partName: string): StyleInfo {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  scanXml(
    xml,
    {
      open(name, attrs, selfClosing) {
        if (name === 'numFmt') custom.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
        else if (name === 'cellXfs') inCellXfs = !selfClosing;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(attrs, 'numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    partName,
  );
  const isDate = xfFormats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_IDS.has(id)));
  const padWidth = xfFormats.map((id) => (custom.has(id) ? zeroPadWidth(custom.get(id)!) : 0));
  return { isDate, padWidth };
}

/** Shared strings of a part read whole (the browser's preview); the importer streams them (xlsx-sst.ts). */
export function parseSharedStrings(xml: string, partName: string, maxUnits = Number.POSITIVE_INFINITY): string[] {
  const scanner = new SharedStringsScanner(partName, maxUnits);
  scanner.feed(xml, true);
  return scanner.strings;
}
