/**
 * The first rows of an upload, read in the browser for the wizard's previews (sheet list, header-row
 * choice, sample values, first rows): an XLSX through its zip central directory and only the parts needed
 * (the worksheet inflated as a stream and left after `maxRows` rows), with the importer's own XLSX part
 * parsers (imports/readers, no Node code); a CSV/TXT from its first 512 KB (BOM, strict UTF-8, else
 * GB18030; delimiter , tab or ;). The server's reading is authoritative: a file the browser cannot read
 * just has no preview.
 */
import Papa from 'papaparse';
import { Inflate } from 'fflate';
import { cellText, type Cell } from '../../../imports/readers/cells';
import { parseRels, parseSharedStrings, parseStyles, parseWorkbook, relsPathOf, type SheetState } from '../../../imports/readers/xlsx-parts';
import { SheetScanner } from '../../../imports/readers/xlsx-sheet';
import { partText } from '../../../imports/readers/xml';

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
  /** CSV: the encoding the browser read it with */
  encoding?: string;
}

export const PEEK_ROWS = 30;
const CSV_BYTES = 512 * 1024;
const MAX_PART = 32 * 1024 * 1024;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

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

export function decodeHead(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3), { stream: true }), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2), { stream: true }), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2), { stream: true }), encoding: 'utf-16be' };
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (n >= 4 && odd > n * 0.15 && even < n * 0.025) return { text: new TextDecoder('utf-16le').decode(bytes, { stream: true }), encoding: 'utf-16le' };
  if (n >= 4 && even > n * 0.15 && odd < n * 0.025) return { text: new TextDecoder('utf-16be').decode(bytes, { stream: true }), encoding: 'utf-16be' };
  try {
    // stream: an incomplete character at the cut is held back, not an error
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes, { stream: true }), encoding: 'gb18030' };
  }
}

/** , tab or ; — the one found most consistently per line (outside quotes) in the first lines. */
export function detectDelimiter(sample: string): string {
  const lines: Array<Record<string, number>> = [];
  let line: Record<string, number> = {};
  let quoted = false;
  let content = false;
  for (let i = 0; i < sample.length && lines.length < 30; i++) {
    const c = sample[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') {
      if (content) lines.push(line);
      line = {};
      content = false;
    } else {
      content = true;
      if (c === ',' || c === '\t' || c === ';') line[c] = (line[c] ?? 0) + 1;
    }
  }
  if (content) lines.push(line);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';']) {
    const counts = lines.map((l) => l[d] ?? 0).filter((n) => n > 0);
    if (!counts.length) continue;
    const mode = [...counts].sort((a, b) => counts.filter((x) => x === b).length - counts.filter((x) => x === a).length)[0];
    const score = counts.filter((n) => n === mode).length * 1000 + mode;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function peekCsv(bytes: Uint8Array, whole: boolean, maxRows = PEEK_ROWS): Peek {
  const { text: raw, encoding } = decodeHead(bytes);
  // a cut file: only complete lines
  const text = whole ? raw : raw.slice(0, Math.max(0, raw.lastIndexOf('\n') + 1));
  const res = Papa.parse<string[]>(text, { preview: maxRows, delimiter: detectDelimiter(text), skipEmptyLines: false });
  const rows: PeekRow[] = [];
  res.data.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 1, cells: cells.map((c) => c.replace(/\r$/, '')) });
  });
  return { format: 'csv', sheets: [{ name: '', state: 'visible' }], sheet: null, rows, encoding };
}

// ---- XLSX ----

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** The central directory (end record searched from the end; no zip64). */
export function zipEntries(b: Uint8Array): Map<string, ZipEntry> {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no zip directory');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out = new Map<string, ZipEntry>();
  const utf8 = new TextDecoder('utf-8');
  for (let k = 0; k < count && p + 46 <= b.length; k++) {
    if (dv.getUint32(p, true) !== 0x02014b50) break;
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const name = utf8.decode(b.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/').replace(/^\//, '');
    out.set(name.toLowerCase(), {
      name, method: dv.getUint16(p + 10, true), compressedSize: dv.getUint32(p + 20, true), size: dv.getUint32(p + 24, true),
      offset: dv.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** An entry's bytes, inflated in 64 KB steps; `onChunk` returning false stops early. */
function readEntry(b: Uint8Array, e: ZipEntry, onChunk: (chunk: Uint8Array) => boolean | void): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (dv.getUint32(e.offset, true) !== 0x04034b50) throw new Error(`bad local header: ${e.name}`);
  const start = e.offset + 30 + dv.getUint16(e.offset + 26, true) + dv.getUint16(e.offset + 28, true);
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
    isDate: styles.isDate, padWidth: styles.padWidth, date1904: wb.date1904, maxColumns: 16384, part: chosen.rel!.target,
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
