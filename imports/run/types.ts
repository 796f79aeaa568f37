/**
 * What an import is asked to do and what it reports (DESIGN.md "Importer": the CLI/report contract).
 * The report's first six keys are exactly DESIGN.md's; `created`, `unresolved`, `skipped` and
 * `duplicateOf` add what the issue asks to be listed (pending records, rows that are not records).
 */
import type { MappingPreset } from '../headers/map';
import type { SkippedRow } from '../headers/table';
import type { Lang } from '../../schema/messages';
import type { Clock } from '../../server/clock';
import type { Db } from '../../server/db';
import type { Actor } from '../../server/services/context';
import type { ReaderLimits } from '../readers/limits';
import type { ProgressCallback } from './progress';

export interface ImportOptions {
  db: Db;
  /** the file on disk (an upload is first written to a temp file) */
  file: string;
  /** the name shown in the report and stored (defaults to the file's base name) */
  fileName?: string;
  kind: string;
  clock: Clock;
  actor: Actor;
  lang?: Lang;
  dryRun?: boolean;
  force?: boolean;
  sheet?: string;
  /** the header row (Excel row number) chosen by the user instead of the detected one */
  headerRow?: number;
  preset?: MappingPreset;
  limits?: Partial<ReaderLimits>;
  /** where to write the full JSON report (streamed); the result carries a capped copy */
  reportFile?: string;
  /** live progress: phase, rows read, bytes read (CSV) — see progress.ts */
  onProgress?: ProgressCallback;
  /** test hook: called between phase 1 and phase 2 of a ledger import */
  beforeMerge?: () => void | Promise<void>;
}

export interface ReportFinding {
  row: number;
  rule: string;
  severity: 'error' | 'warning';
  fields: string[];
  message: string;
}

export interface ReportReject {
  row: number;
  errors: Array<{ field: string; message: string }>;
}

export interface Counts {
  rows: number;
  imported: number;
  rejected: number;
  duplicates: number;
}

export interface CreatedRecord {
  row: number;
  name: string;
  [k: string]: unknown;
}

export interface ReportHead {
  import: {
    id: number | null;
    kind: string;
    file: string;
    sha256: string;
    format: string;
    encoding: string | null;
    sheet: string | null;
    headerRow: number;
    dryRun: boolean;
  };
  mapping: Record<string, string>;
  unmapped: string[];
  counts: Counts;
}

/** One rule code's findings over the whole file. */
export interface RuleTotal {
  rule: string;
  severity: 'error' | 'warning';
  findings: number;
  /** distinct rows with this rule's finding */
  rows: number;
}

/**
 * Exact counts over the whole file (report/totals.ts). `listed` says how many entries the list next to it
 * holds: the stored report lists all, an API answer or the CLI's stdout at most REPORT_CAP ("N of M").
 */
export interface ReportTotals {
  findings: { total: number; listed: number; bySeverity: { error: number; warning: number }; byRule: RuleTotal[]; rows: number };
  rejected: { total: number; listed: number };
}

export interface ReportTail {
  /** the date time-based rules judged the rows against (today, or the as-of date asked for) */
  asOf?: string;
  /** a ledger's latest business (sale) date: the wizard offers it as the as-of date */
  latestDate?: string;
  /** exact totals per rule and severity (written by the report writer; the lists may be capped) */
  totals?: ReportTotals;
  /** pending master records created for unknown ledger references (listed for QA approval) */
  created?: Record<string, CreatedRecord[]>;
  /** references that were written as text only (a ledger contract number not on file) */
  unresolved?: Record<string, Array<{ row: number; value: string }>>;
  /** rows that are not records: 合计 footers, repeated headers, notes */
  skipped?: SkippedRow[];
  /** the earlier import of the same file (SHA-256), when every row was a duplicate */
  duplicateOf?: number;
  /** records written, per table */
  records?: Record<string, number>;
  /** the policies this import followed (README "Importing spreadsheets"), in the user's language */
  policy?: { guards: string; errors: string; legacy: string };
}

export type ImportReport = ReportHead & { findings: ReportFinding[]; rejected: ReportReject[] } & ReportTail;

export interface ImportResult {
  /** the report; findings and rejected capped at `REPORT_CAP` entries each (the file has them all) */
  report: ImportReport;
  truncated: boolean;
  importId: number | null;
}

export const REPORT_CAP = 1000;
