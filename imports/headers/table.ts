/**
 * A sheet read as a table of one import kind: the header row found, columns mapped, then data rows as
 * `{ row, cells, values: { field: cell } }`. Rows that are not records are skipped and listed (never
 * dropped silently): 合计/小计 footers, the header repeated on a later page, and short note lines after a
 * total (制表人：…). Rows after a total that look like records are still read.
 */
import { ImportFileError } from '../../schema/files/errors';
import type { Cell, SheetRow } from '../../schema/files/cells';
import type { Spreadsheet, SpreadsheetSheet } from '../readers/open';
import { detectHeader, HEADER_SCAN_ROWS, type HeaderDetection } from './detect';
import { headerSignature, isFooterRow, isNoteRow, isRepeatedHeader, nonBlankCount } from './footer';
import { getKind, type KindInfo } from './kinds';
import type { MappingPreset } from './map';
import type { NormalizeOptions } from '../normalize/index';
import { cellsNormalizer, type NormalizedRow } from '../normalize/row';

export interface TableRow {
  row: number;
  cells: Cell[];
  /** mapped field → the cell under its column (built on first access; normalizer() works from cells) */
  readonly values: Record<string, Cell>;
}

export interface SkippedRow {
  row: number;
  reason: 'footer' | 'repeated_header' | 'note';
}

export interface Table extends HeaderDetection {
  kind: KindInfo;
  sheet: string | null;
  /** the compiled normaliser of this table's mapped columns: row → { values (API form), errors } */
  normalizer(opts?: NormalizeOptions): (row: TableRow) => NormalizedRow;
  /** data rows, once (the underlying reader streams) */
  rows(): AsyncGenerator<TableRow>;
  /** filled while rows() runs */
  readonly skipped: SkippedRow[];
}

export interface TableOptions {
  preset?: MappingPreset;
  scanRows?: number;
  /** the header row chosen by the user (Excel row number) instead of the detected one */
  headerRow?: number;
}

function kindOrThrow(kind: string): KindInfo {
  const k = getKind(kind);
  if (!k) throw new Error(`unknown import kind: ${kind}`);
  return k;
}

function noHeader(kind: KindInfo, rows: number, sheet: string | null): ImportFileError {
  const examples = kind.fields
    .filter((f) => !f.refOf)
    .slice(0, 4)
    .map((f) => f.label)
    .join('、');
  return new ImportFileError('no_header', {
    where: sheet ? `工作表“${sheet}”的` : '',
    where_en: sheet ? ` of sheet "${sheet}"` : '',
    rows,
    examples,
  });
}

type Pull = () => Promise<SheetRow[] | null>;

/** Buffers the first rows of `batches`, detects the header; null (iterator closed) when there is none. */
async function probe(batches: AsyncIterator<SheetRow[]>, kind: KindInfo, opts: TableOptions, sheet: string | null) {
  const scanRows = Math.max(opts.scanRows ?? HEADER_SCAN_ROWS, opts.headerRow ?? 0);
  const head: SheetRow[] = [];
  let done = false;
  while (head.length < scanRows) {
    const r = await batches.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(...r.value);
  }
  if (!head.length) return 'empty' as const;
  const det = detectHeader(head, kind, { preset: opts.preset, scanRows, headerRow: opts.headerRow });
  if (!det) {
    if (!done) await batches.return?.();
    return null;
  }
  const rest = head.slice(head.findIndex((r) => r.row === det.headerRow) + 1);
  const pull: Pull = async () => {
    if (rest.length) return rest.splice(0, rest.length);
    if (done) return null;
    const r = await batches.next();
    if (r.done) {
      done = true;
      return null;
    }
    return r.value;
  };
  return {
    det,
    pull,
    close: async () => {
      if (!done) await batches.return?.();
    },
    sheet,
  };
}

/** `cells → { field: cell }` for this mapping, compiled once (a fixed object shape is much faster per row). */
function valuesBuilder(mapped: ReadonlyArray<{ field: string | null; index: number }>): (cells: Cell[]) => Record<string, Cell> {
  const body = mapped.map((c) => `${JSON.stringify(c.field)}: c[${c.index}] ?? null`).join(',\n');
  return new Function('c', `return {\n${body}\n};`) as (cells: Cell[]) => Record<string, Cell>;
}

/** A data row; `values` is computed from the cells only if asked for. */
class DataRow implements TableRow {
  private v: Record<string, Cell> | undefined;
  constructor(
    readonly row: number,
    readonly cells: Cell[],
    private readonly build: (cells: Cell[]) => Record<string, Cell>,
  ) {}
  get values(): Record<string, Cell> {
    return (this.v ??= this.build(this.cells));
  }
}

type Probed = Exclude<Awaited<ReturnType<typeof probe>>, null | 'empty'>;

function makeTable(kind: KindInfo, p: Probed): Table {
  const { det, pull } = p;
  const skipped: SkippedRow[] = [];
  const mapped = det.columns.filter((c) => c.field);
  const build = valuesBuilder(mapped);
  const fieldMap = new Map(kind.fields.map((f) => [f.key, f]));
  const normalizer = (opts: NormalizeOptions = {}) => {
    const n = cellsNormalizer(fieldMap, mapped, opts);
    return (row: TableRow) => n(row.cells);
  };
  const signature = headerSignature(det.headerCells);
  let used = false;
  async function* rows(): AsyncGenerator<TableRow> {
    if (used) throw new Error('Table.rows() can be read once');
    used = true;
    let afterTotal = false;
    try {
      for (let batch = await pull(); batch; batch = await pull()) {
        for (const r of batch) {
          if (isFooterRow(r.cells)) {
            skipped.push({ row: r.row, reason: 'footer' });
            afterTotal = true;
            continue;
          }
          if (isRepeatedHeader(r.cells, signature)) {
            skipped.push({ row: r.row, reason: 'repeated_header' });
            continue;
          }
          if (afterTotal && (isNoteRow(r.cells) || nonBlankCount(r.cells) <= 2)) {
            skipped.push({ row: r.row, reason: 'note' });
            continue;
          }
          yield new DataRow(r.row, r.cells, build);
        }
      }
    } finally {
      await p.close();
    }
  }
  return { ...det, kind, sheet: p.sheet, rows, skipped, normalizer };
}

/** Reads a stream of row batches (one sheet) as a table of `kind`; throws ImportFileError('no_header'). */
export async function readTable(batches: AsyncIterable<SheetRow[]>, kind: string, opts: TableOptions & { sheet?: string | null } = {}): Promise<Table> {
  const k = kindOrThrow(kind);
  const p = await probe(batches[Symbol.asyncIterator](), k, opts, opts.sheet ?? null);
  if (p === 'empty') throw new ImportFileError('empty');
  if (!p) throw noHeader(k, opts.scanRows ?? HEADER_SCAN_ROWS, opts.sheet ?? null);
  return makeTable(k, p);
}

/**
 * The table of `kind` in a workbook: the sheet named by `sheet` (--sheet), else the first worksheet (visible
 * ones first) whose header row maps to the kind. A CSV has one sheet.
 */
export async function openTable(book: Spreadsheet, kind: string, opts: TableOptions & { sheet?: string | number } = {}): Promise<Table> {
  const k = kindOrThrow(kind);
  const named = opts.sheet !== undefined;
  const candidates: SpreadsheetSheet[] = named
    ? [book.sheet(opts.sheet)]
    : [...book.sheets.filter((s) => s.state === 'visible'), ...book.sheets.filter((s) => s.state !== 'visible')].filter((s) => s.kind === 'worksheet');
  const sheetName = (s: SpreadsheetSheet) => (book.format === 'xlsx' ? s.name : null);
  let empty = 0;
  for (const s of candidates) {
    const p = await probe(s.batches()[Symbol.asyncIterator](), k, opts, sheetName(s));
    if (p === 'empty') empty++;
    else if (p) return makeTable(k, p);
  }
  if (empty === candidates.length) throw new ImportFileError('empty');
  const only = candidates.length === 1 ? sheetName(candidates[0]) : null;
  throw noHeader(k, opts.scanRows ?? HEADER_SCAN_ROWS, only);
}
