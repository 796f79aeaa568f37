/**
 * Our own XLSX reader (exceljs streams only ~13k rows/s; the npm `xlsx` package is not allowed): the zip is
 * read through its central directory, the small parts whole, and the chosen worksheet is inflated and
 * scanned as a stream, so memory does not grow with the sheet. Dates come out as dates (1900 and 1904
 * systems), formula cells as their cached values, shared and inline strings as text.
 */
import type { SheetRow } from '../../schema/files/cells';
import { ImportFileError } from '../../schema/files/errors';
import { resolveLimits, type ReaderLimits } from './limits';
import type { ByteSource } from './source';
import { SheetScanner } from '../../schema/files/xlsx-sheet';
import { parseRels, parseStyles, parseWorkbook, relsPathOf, type SheetState, type StyleInfo } from '../../schema/files/xlsx-parts';
import { partText } from '../../schema/files/xml';
import { SharedStringsScanner } from '../../schema/files/xlsx-sst';
import { ZipArchive, type Inflater } from './zip';

export interface SheetInfo {
  /** 0-based position in the workbook's tab order */
  index: number;
  name: string;
  state: SheetState;
  /** only worksheets hold cells; chart sheets and the like yield no rows */
  kind: 'worksheet' | 'chartsheet' | 'other';
  /** package path of the sheet part, null when the workbook points at a missing part */
  path: string | null;
}

export interface SheetReader {
  readonly info: SheetInfo;
  rows(): AsyncGenerator<SheetRow>;
  batches(): AsyncGenerator<SheetRow[]>;
  /** merged ranges ('A1:L1'), complete once the rows have been read to the end (they follow the cells) */
  readonly merges: readonly string[];
}

export interface XlsxFile {
  readonly format: 'xlsx';
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  /** by name (exact, then case-insensitive and trimmed) or 0-based index; throws ImportFileError('no_sheet') */
  sheet(which?: string | number): SheetReader;
}

export interface XlsxOptions {
  limits?: Partial<ReaderLimits>;
  inflater?: Inflater;
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const SCAN_SLICE = 64 * 1024;
const REL_STYLES = /\/styles$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

/**
 * A part's text as it is inflated, in slices of at most 64 KB of bytes — small, so that each batch of rows is
 * consumed before the next young-generation collection. UTF-8, or UTF-16 by its BOM as some writers produce;
 * the decoder drops the BOM.
 */
async function* partTextChunks(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let td: TextDecoder | null = null;
  for await (const b of bytes) {
    td ??= new TextDecoder(b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : 'utf-8');
    for (let i = 0; i < b.length; i += SCAN_SLICE) yield td.decode(b.subarray(i, i + SCAN_SLICE), { stream: true });
  }
  const rest = td?.decode() ?? '';
  if (rest) yield rest;
}

const corrupt = (zh: string, en: string) => new ImportFileError('corrupt', { detail: zh, detail_en: en });

/** A zip that is not a workbook: say what it is. */
function notAWorkbook(zip: ZipArchive): ImportFileError {
  if (zip.find('xl/workbook.bin')) {
    return new ImportFileError('unsupported_format', { detail: 'Excel 二进制工作簿 .xlsb', detail_en: 'Excel binary workbook (.xlsb)' });
  }
  if (zip.find('mimetype') && zip.find('content.xml')) {
    return new ImportFileError('unsupported_format', { detail: 'OpenDocument 表格 .ods / WPS 等', detail_en: 'an OpenDocument file (.ods)' });
  }
  if (zip.find('word/document.xml')) return new ImportFileError('not_spreadsheet', { detail: 'Word 文档', detail_en: 'a Word document' });
  if (zip.find('ppt/presentation.xml'))
    return new ImportFileError('not_spreadsheet', { detail: 'PowerPoint 演示文稿', detail_en: 'a PowerPoint presentation' });
  if (zip.entries.some((e) => /^xl\/worksheets\//i.test(e.name))) {
    return corrupt('缺少工作簿结构 xl/workbook.xml', 'the workbook part xl/workbook.xml is missing');
  }
  return new ImportFileError('not_spreadsheet', { detail: 'zip 压缩包，不是 Excel 工作簿', detail_en: 'a zip archive, not an Excel workbook' });
}

export async function openXlsx(src: ByteSource, opts: XlsxOptions = {}): Promise<XlsxFile> {
  const limits = resolveLimits(opts.limits);
  const zip = await ZipArchive.open(src, limits, opts.inflater);
  const readText = async (path: string): Promise<string | null> => {
    const e = zip.find(path);
    return e ? partText(await zip.read(e)) : null;
  };

  const rootRelsXml = await readText('_rels/.rels');
  let workbookPath = 'xl/workbook.xml';
  if (rootRelsXml) {
    const rels = parseRels(rootRelsXml, '', '_rels/.rels');
    const doc = [...rels.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type) && !r.external);
    if (doc && zip.find(doc.target)) workbookPath = doc.target;
  }
  const workbookXml = await readText(workbookPath);
  if (workbookXml === null) throw notAWorkbook(zip);
  const workbook = parseWorkbook(workbookXml, workbookPath);
  const wbRelsPath = relsPathOf(workbookPath);
  const wbRelsXml = await readText(wbRelsPath);
  const wbRels = wbRelsXml ? parseRels(wbRelsXml, workbookPath, wbRelsPath) : new Map();

  const sheets: SheetInfo[] = workbook.sheets.map((s, index) => {
    const rel = wbRels.get(s.rid);
    const type = rel?.type ?? '';
    const kind = /\/worksheet$/.test(type) ? 'worksheet' : /\/chartsheet$/.test(type) ? 'chartsheet' : rel ? 'other' : 'worksheet';
    const path = rel && !rel.external && zip.find(rel.target) ? rel.target : null;
    return { index, name: s.name, state: s.state, kind, path };
  });
  if (!sheets.length) throw corrupt('工作簿中没有工作表', 'the workbook has no sheets');

  // styles and shared strings are loaded once, when the first sheet is read
  let shared: Promise<{ styles: StyleInfo; sst: string[] | null }> | null = null;
  const loadShared = () =>
    (shared ??= (async () => {
      const relOf = (re: RegExp) => [...wbRels.values()].find((r) => re.test(r.type) && !r.external)?.target;
      const stylesPath = relOf(REL_STYLES) ?? 'xl/styles.xml';
      const sstPath = relOf(REL_SHARED_STRINGS) ?? 'xl/sharedStrings.xml';
      const stylesXml = await readText(stylesPath);
      const sstEntry = zip.find(sstPath);
      let sst: string[] | null = null;
      if (sstEntry) {
        // streamed: only the strings are kept, never the part's whole text
        const scanner = new SharedStringsScanner(sstPath, limits.maxSharedStringUnits);
        for await (const text of partTextChunks(zip.stream(sstEntry, limits.maxPartBytes))) scanner.feed(text, false);
        scanner.feed('', true);
        sst = scanner.strings;
      }
      return { styles: stylesXml ? parseStyles(stylesXml, stylesPath) : { isDate: [], padWidth: [] }, sst };
    })());

  function pick(which?: string | number): SheetInfo {
    if (which === undefined) return sheets.find((s) => s.kind === 'worksheet' && s.state === 'visible') ?? sheets[0];
    const found =
      typeof which === 'number'
        ? sheets[which]
        : (sheets.find((s) => s.name === which) ?? sheets.find((s) => s.name.trim().toLowerCase() === which.trim().toLowerCase()));
    if (!found) throw new ImportFileError('no_sheet', { sheet: String(which), sheets: sheets.map((s) => s.name).join('、') });
    return found;
  }

  return {
    format: 'xlsx',
    sheets,
    date1904: workbook.date1904,
    sheet(which) {
      const info = pick(which);
      const merges: string[] = [];
      async function* batches(): AsyncGenerator<SheetRow[]> {
        if (info.kind !== 'worksheet') return;
        if (!info.path) throw corrupt(`工作表“${info.name}”的数据缺失`, `the data of sheet "${info.name}" is missing`);
        const { styles, sst } = await loadShared();
        const scanner = new SheetScanner({
          sst,
          isDate: styles.isDate,
          padWidth: styles.padWidth,
          date1904: workbook.date1904,
          maxColumns: limits.maxColumns,
          part: info.path,
        });
        for await (const text of partTextChunks(zip.stream(zip.find(info.path)!))) {
          scanner.feed(text, false);
          if (scanner.out.length) {
            const out = scanner.out;
            scanner.out = [];
            yield out;
          }
        }
        scanner.feed('', true);
        merges.push(...scanner.merges);
        if (scanner.out.length) yield scanner.out;
      }
      async function* rows(): AsyncGenerator<SheetRow> {
        for await (const b of batches()) yield* b;
      }
      return { info, rows, batches, merges };
    },
  };
}
