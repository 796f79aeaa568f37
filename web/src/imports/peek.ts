/**
 * The first rows of an upload, read in the browser for the wizard's previews (sheet list, header-row
 * choice, sample values, first rows), with the importer's own pieces (schema/files, no Node code) so the
 * preview and the import see the same file: an XLSX through its zip central directory (zip-directory.ts)
 * and only the parts needed (the worksheet inflated as a stream and left after `maxRows` rows, by the
 * importer's XLSX part parsers and sheet scanner); a CSV/TXT from its first 512 KB, its encoding
 * (text-encoding.ts: BOM, UTF-16, strict UTF-8, else GB18030) and delimiter (delimiter.ts) judged the
 * importer's way. The server's reading is authoritative: a file the browser cannot read just has no preview.
 */
import Papa from 'papaparse';
import { Inflate } from 'fflate';
import { cellText, type Cell } from '../../../schema/files/cells';
import { detectDelimiter, detectNewline } from '../../../schema/files/delimiter';
import { headEncoding } from '../../../schema/files/text-encoding';
import { parseRels, parseSharedStrings, parseStyles, parseWorkbook, relsPathOf, type SheetState } from '../../../schema/files/xlsx-parts';
import { SheetScanner } from '../../../schema/files/xlsx-sheet';
import { partText } from '../../../schema/files/xml';
import {
  centralDirectory,
  dataStart,
  endRecord,
  END_SEARCH_BYTES,
  isZip,
  LOCAL_HEADER_BYTES,
  normalizeName,
  zip64Record,
  zip64RecordOffset,
  ZIP64_LOCATOR_BYTES,
  ZIP64_RECORD_BYTES,
  type ZipEntry,
} from '../../../schema/files/zip-directory';

export interface PeekRow {
  /** the row number a person sees in Excel */
  row: number;
  cells: string[];
}

export interface Peek {
  format: 'xlsx' | 'csv';
  /** worksheets of an XLSX (chart sheets left out); one unnamed sheet for a CSV */
  sheets: Array<{ name: string; state: SheetState }>;
  /** the sheet these rows are from (null for a CSV) */
  sheet: string | null;
  rows: PeekRow[];
  /** CSV: the encoding and the delimiter the browser read it with (the importer's choice) */
  encoding?: string;
  delimiter?: string;
}

export const PEEK_ROWS = 30;
const CSV_BYTES = 512 * 1024;
const MAX_PART = 32 * 1024 * 1024;

export async function peekFile(file: Blob, opts: { sheet?: string | null; maxRows?: number } = {}): Promise<Peek | null> {
  try {
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    if (isZip(head)) return peekXlsx(new Uint8Array(await file.arrayBuffer()), opts.sheet ?? null, opts.maxRows ?? PEEK_ROWS);
    if (head[0] === 0xd0 && head[1] === 0xcf) return null; // .xls / encrypted OLE: the server explains
    return peekCsv(new Uint8Array(await file.slice(0, CSV_BYTES).arrayBuffer()), file.size <= CSV_BYTES, opts.maxRows ?? PEEK_ROWS);
  } catch {
    return null;
  }
}

// ---- CSV ----

/** The head of a CSV decoded as the importer would decode the file; null when the importer would refuse it. */
export function decodeHead(bytes: Uint8Array): { text: string; encoding: string } | null {
  const enc = headEncoding(bytes);
  if (!enc) return null;
  const skip = enc.bom ? (enc.name === 'utf-8' ? 3 : 2) : 0;
  // stream: an incomplete character at the cut is held back, not an error
  return { text: new TextDecoder(enc.name).decode(bytes.subarray(skip), { stream: true }), encoding: enc.name };
}

export function peekCsv(bytes: Uint8Array, whole: boolean, maxRows = PEEK_ROWS): Peek | null {
  const head = decodeHead(bytes);
  if (!head) return null;
  const { text: raw, encoding } = head;
  // a cut file: only complete lines
  const newline = detectNewline(raw);
  const text = whole ? raw : raw.slice(0, Math.max(0, raw.lastIndexOf(newline) + 1));
  const delimiter = detectDelimiter(text);
  const res = Papa.parse<string[]>(text, { preview: maxRows, delimiter, newline, skipEmptyLines: false });
  const rows: PeekRow[] = [];
  res.data.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 1, cells: cells.map((c) => c.replace(/\r$/, '')) });
  });
  return { format: 'csv', sheets: [{ name: '', state: 'visible' }], sheet: null, rows, encoding, delimiter };
}

// ---- XLSX ----

/** The central directory by lower-cased part name (the importer's reading of it, over the whole file's bytes). */
export function zipEntries(b: Uint8Array): Map<string, ZipEntry> {
  const tailAt = Math.max(0, b.length - END_SEARCH_BYTES);
  const end = endRecord(b.subarray(tailAt));
  let dir: { count: number; size: number; offset: number } = end;
  if (end.zip64) {
    const locAt = tailAt + end.at - ZIP64_LOCATOR_BYTES;
    const recAt = locAt >= 0 ? zip64RecordOffset(b.subarray(locAt, locAt + ZIP64_LOCATOR_BYTES)) : null;
    if (recAt !== null) dir = zip64Record(b.subarray(recAt, recAt + ZIP64_RECORD_BYTES));
  }
  const out = new Map<string, ZipEntry>();
  for (const e of centralDirectory(b.subarray(dir.offset, dir.offset + dir.size), dir.count)) {
    const key = normalizeName(e.name).toLowerCase();
    if (!out.has(key)) out.set(key, e);
  }
  return out;
}

/** An entry's bytes, inflated in 64 KB steps; `onChunk` returning false stops early. */
function readEntry(b: Uint8Array, e: ZipEntry, onChunk: (chunk: Uint8Array) => boolean | void): void {
  const start = dataStart(e, b.subarray(e.localOffset, e.localOffset + LOCAL_HEADER_BYTES), b.length);
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    onChunk(data);
    return;
  }
  if (e.method !== 8) throw new Error(`compression ${e.method}`);
  let stop = false;
  const inf = new Inflate((chunk) => {
    if (!stop && onChunk(chunk) === false) stop = true;
  });
  const STEP = 64 * 1024;
  for (let i = 0; i < data.length && !stop; i += STEP) inf.push(data.subarray(i, i + STEP), i + STEP >= data.length);
}

function readPart(b: Uint8Array, entries: Map<string, ZipEntry>, name: string): string | null {
  const e = entries.get(name.toLowerCase());
  if (!e || e.size > MAX_PART) return null;
  const parts: Uint8Array[] = [];
  readEntry(b, e, (c) => void parts.push(c));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return partText(all);
}

export function peekXlsx(b: Uint8Array, sheet: string | null, maxRows = PEEK_ROWS): Peek {
  const entries = zipEntries(b);
  const rootRels = parseRels(readPart(b, entries, '_rels/.rels') ?? '<Relationships/>', '', '_rels/.rels');
  const wbPart = [...rootRels.values()].find((r) => /officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  const wb = parseWorkbook(readPart(b, entries, wbPart) ?? '', wbPart);
  const rels = parseRels(readPart(b, entries, relsPathOf(wbPart)) ?? '<Relationships/>', wbPart, relsPathOf(wbPart));
  const worksheets = wb.sheets
    .map((s) => ({ ...s, rel: rels.get(s.rid) }))
    .filter((s) => s.rel && /\/worksheet$/.test(s.rel.type) && entries.has(s.rel.target.toLowerCase()));
  const sheets = worksheets.map((s) => ({ name: s.name, state: s.state }));
  const chosen = worksheets.find((s) => s.name === sheet) ?? worksheets.find((s) => s.state === 'visible') ?? worksheets[0];
  if (!chosen) return { format: 'xlsx', sheets, sheet: null, rows: [] };
  const relList = [...rels.values()];
  const sstPart = relList.find((r) => /\/sharedStrings$/.test(r.type))?.target;
  const stylesPart = relList.find((r) => /\/styles$/.test(r.type))?.target;
  const sstXml = sstPart ? readPart(b, entries, sstPart) : null;
  const stylesXml = stylesPart ? readPart(b, entries, stylesPart) : null;
  const styles = stylesXml ? parseStyles(stylesXml, stylesPart!) : { isDate: [], padWidth: [] };
  const scanner = new SheetScanner({
    sst: sstXml ? parseSharedStrings(sstXml, sstPart!) : null,
    isDate: styles.isDate,
    padWidth: styles.padWidth,
    date1904: wb.date1904,
    maxColumns: 16384,
    part: chosen.rel!.target,
  });
  const rows: PeekRow[] = [];
  const decoder = new TextDecoder('utf-8');
  const take = () => {
    for (const r of scanner.out) {
      if (rows.length >= maxRows) break;
      const cells = (r.cells as Cell[]).map((c) => (c == null ? '' : cellText(c)));
      if (cells.some((c) => c.trim() !== '')) rows.push({ row: r.row, cells });
    }
    scanner.out = [];
  };
  try {
    readEntry(b, entries.get(chosen.rel!.target.toLowerCase())!, (chunk) => {
      scanner.feed(decoder.decode(chunk, { stream: true }), false);
      take();
      return rows.length < maxRows;
    });
    if (rows.length < maxRows) {
      scanner.feed(decoder.decode(), true);
      take();
    }
  } catch {
    // a damaged part: what was read so far is the preview
    take();
  }
  return { format: 'xlsx', sheets, sheet: chosen.name, rows };
}
