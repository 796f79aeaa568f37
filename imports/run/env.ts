/** What every import path (ledger, master data) shares once the file is open and its table found. */
import type { Lang } from '../../schema/messages';
import type { ServiceContext } from '../../server/services/context';
import type { Table } from '../headers/table';
import type { Cell } from '../../schema/files/cells';
import type { Spreadsheet } from '../readers/open';
import type { ImportRowValues } from '../../server/services/bulk';
import type { Progress } from './progress';
import type { Counts, ImportOptions, ReportHead } from './types';

export interface RunEnv {
  opts: ImportOptions;
  lang: Lang;
  book: Spreadsheet;
  table: Table;
  ctx: ServiceContext;
  sha: string;
  size: number;
  fileName: string;
  head: Omit<ReportHead, 'counts'>;
  progress: Progress;
  /** the audit reason of everything the import writes */
  reason: string;
  /** a row's cells keyed by header, as kept for a rejected row */
  rawOf(cells: readonly Cell[]): Record<string, string>;
  importRowValues(counts: Counts, storedPath: string): ImportRowValues;
}
