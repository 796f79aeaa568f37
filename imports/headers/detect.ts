/**
 * Which row is the header: among the first rows (20 by default) the one whose cells map to the most fields
 * of the kind (the earliest on a tie), so merged title rows (湖北某医药有限公司 药品销售记录), 制表日期 lines and
 * group-header rows above the real header are passed over. When the header has blank cells under a group
 * row, a cell of the row just above that names a field fills the gap (two-row headers).
 */
import { cellText, isBlank, type Cell, type SheetRow } from '../../schema/files/cells';
import type { KindInfo } from './kinds';
import { mapHeaders, type HeaderMapping, type MappingPreset } from './map';
import { normalizeHeader } from './normalize-header';

export const HEADER_SCAN_ROWS = 20;

export interface HeaderDetection extends HeaderMapping {
  /** the header's row number as Excel shows it */
  headerRow: number;
  /** every row that contributed header text (two for a two-row header) */
  headerRows: number[];
  /** the header cells used (after filling from the row above) */
  headerCells: Cell[];
}

export interface DetectOptions {
  preset?: MappingPreset;
  scanRows?: number;
  /** the header row chosen by the user (Excel row number): only that row is considered */
  headerRow?: number;
}

export function detectHeader(rows: readonly SheetRow[], kind: KindInfo, opts: DetectOptions = {}): HeaderDetection | null {
  const scan = rows.slice(0, opts.scanRows ?? HEADER_SCAN_ROWS);
  let best: HeaderDetection | null = null;
  for (let i = 0; i < scan.length; i++) {
    const row = scan[i];
    if (opts.headerRow !== undefined && row.row !== opts.headerRow) continue;
    const single = mapHeaders(row.cells, kind, opts.preset);
    if (single.score > 0 && (!best || single.score > best.score)) {
      best = { ...single, headerRow: row.row, headerRows: [row.row], headerCells: [...row.cells] };
    }
    // the same row completed from the group row just above it (only cells that name a field)
    const above = i > 0 && scan[i - 1].row === row.row - 1 ? scan[i - 1] : null;
    if (!above) continue;
    const cells = [...row.cells];
    let filled = false;
    for (let c = 0; c < above.cells.length; c++) {
      if (!isBlank(cells[c] ?? null) || isBlank(above.cells[c])) continue;
      if (!kind.index.has(normalizeHeader(cellText(above.cells[c])))) continue;
      while (cells.length < c) cells.push(null);
      cells[c] = above.cells[c];
      filled = true;
    }
    if (!filled) continue;
    const merged = mapHeaders(cells, kind, opts.preset);
    if (merged.score > 0 && (!best || merged.score > best.score)) {
      best = { ...merged, headerRow: row.row, headerRows: [above.row, row.row], headerCells: cells };
    }
  }
  return best;
}
