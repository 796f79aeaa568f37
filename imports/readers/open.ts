/**
 * One entry point for the importer: detect the format from the bytes, then open it as CSV or XLSX.
 * Every refusal is an ImportFileError (exit 2 / HTTP 400, nothing written).
 */
import type { SheetRow } from '../../schema/files/cells';
import type { Delimiter } from '../../schema/files/delimiter';
import { openCsv } from './csv';
import { detectFormat, type FileFormat } from './detect';
import type { EncodingInfo } from '../../schema/files/text-encoding';
import { ImportFileError } from '../../schema/files/errors';
import { resolveLimits, type ReaderLimits } from './limits';
import { fileSource, type ByteSource } from './source';
import { openXlsx, type SheetInfo, type XlsxFile } from './xlsx';
import type { Inflater } from './zip';

export interface OpenOptions {
  limits?: Partial<ReaderLimits>;
  /** XLSX inflate implementation (default node:zlib) */
  inflater?: Inflater;
}

export interface SpreadsheetSheet {
  name: string;
  index: number;
  state: SheetInfo['state'];
  kind: SheetInfo['kind'];
  rows(): AsyncGenerator<SheetRow> | Promise<AsyncGenerator<SheetRow>>;
  batches(): AsyncGenerator<SheetRow[]>;
}

export interface Spreadsheet {
  format: FileFormat;
  /** CSV only: the encoding used, for the report ('utf-8', 'gb18030', 'utf-16le', 'utf-16be') */
  encoding: EncodingInfo | null;
  delimiter: Delimiter | null;
  /** XLSX only */
  date1904: boolean;
  /** a CSV has one sheet named after the file */
  sheets: SpreadsheetSheet[];
  /** by name or index; default the first visible worksheet */
  sheet(which?: string | number): SpreadsheetSheet;
  xlsx: XlsxFile | null;
}

export async function openSpreadsheet(src: ByteSource, opts: OpenOptions = {}): Promise<Spreadsheet> {
  const limits = resolveLimits(opts.limits);
  const format = await detectFormat(src, limits);
  if (format === 'csv') {
    const csv = await openCsv(src, { limits });
    const only: SpreadsheetSheet = { name: src.name, index: 0, state: 'visible', kind: 'worksheet', rows: csv.rows, batches: csv.batches };
    return {
      format,
      encoding: csv.encoding,
      delimiter: csv.delimiter,
      date1904: false,
      sheets: [only],
      xlsx: null,
      sheet(which) {
        if (which === undefined || which === 0 || which === src.name) return only;
        throw new ImportFileError('no_sheet', { sheet: String(which), sheets: src.name });
      },
    };
  }
  const xlsx = await openXlsx(src, { limits, inflater: opts.inflater });
  const wrap = (info: SheetInfo): SpreadsheetSheet => {
    const r = xlsx.sheet(info.index);
    return { name: info.name, index: info.index, state: info.state, kind: info.kind, rows: r.rows, batches: r.batches };
  };
  return {
    format,
    encoding: null,
    delimiter: null,
    date1904: xlsx.date1904,
    xlsx,
    sheets: xlsx.sheets.map(wrap),
    sheet(which) {
      return wrap(xlsx.sheet(which).info);
    },
  };
}

/** Opens a file on disk; the caller closes the returned source when done. */
export async function openSpreadsheetFile(path: string, opts: OpenOptions = {}): Promise<{ book: Spreadsheet; source: ByteSource }> {
  const source = await fileSource(path);
  try {
    return { book: await openSpreadsheet(source, opts), source };
  } catch (e) {
    await source.close();
    throw e;
  }
}
