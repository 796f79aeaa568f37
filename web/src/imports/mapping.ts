/**
 * The wizard's pure logic: the columns of the mapping step (server's auto-match + the browser's first rows),
 * the mapping preset sent back, findings grouped per rule, the first data rows as mapped.
 */
import { columnName } from '../../../schema/files/cells';
import type { ImportReport, ReportFinding } from './api';
import type { Peek, PeekRow } from './peek';

export interface MappingColumn {
  /** 0-based column, when known from the preview */
  index: number | null;
  /** 'A', 'B' … */
  column: string;
  /** the header text as the server names it in the report (a repeated header gets its column letter) */
  header: string;
  /** the server's automatic match (null: unmapped) */
  auto: string | null;
  /** a few values under the header */
  samples: string[];
}

/** field key per column header; null = do not import */
export type MappingChoice = Record<string, string | null>;

/** The preview rows of the sheet the report read, if the browser read that same sheet. */
export function sameSheet(report: ImportReport, peek: Peek | null): Peek | null {
  if (!peek) return null;
  if (peek.format === 'xlsx' && report.import.sheet && peek.sheet !== report.import.sheet) return null;
  return peek;
}

export function dataRows(peek: Peek | null, headerRow: number, skipped: ReadonlyArray<{ row: number }> = []): PeekRow[] {
  if (!peek) return [];
  const skip = new Set(skipped.map((s) => s.row));
  return peek.rows.filter((r) => r.row > headerRow && !skip.has(r.row));
}

export function mappingColumns(report: ImportReport, peek: Peek | null, samples = 3): MappingColumn[] {
  const p = sameSheet(report, peek);
  const headerCells = p?.rows.find((r) => r.row === report.import.headerRow)?.cells;
  const below = dataRows(p, report.import.headerRow, report.skipped).slice(0, samples);
  const known = new Set([...Object.keys(report.mapping), ...report.unmapped]);
  if (headerCells) {
    const texts = headerCells.map((c) => c.trim());
    const count = new Map<string, number>();
    for (const t of texts) if (t) count.set(t, (count.get(t) ?? 0) + 1);
    const cols: MappingColumn[] = [];
    texts.forEach((text, index) => {
      if (!text) return;
      const column = columnName(index);
      const header = (count.get(text) ?? 0) > 1 ? `${text} (${column})` : text;
      cols.push({
        index,
        column,
        header,
        auto: report.mapping[header] ?? null,
        samples: below.map((r) => (r.cells[index] ?? '').trim()).filter(Boolean),
      });
    });
    // the browser and the server read the same header: use the browser's columns (letters and samples)
    const names = new Set(cols.map((c) => c.header));
    if (cols.length && [...known].every((h) => names.has(h))) return cols;
  }
  const names = [...Object.keys(report.mapping), ...report.unmapped];
  return names.map((header, i) => ({ index: null, column: columnName(i), header, auto: report.mapping[header] ?? null, samples: [] }));
}

export const autoChoice = (cols: readonly MappingColumn[]): MappingChoice => Object.fromEntries(cols.map((c) => [c.header, c.auto]));

export const isChanged = (col: MappingColumn, choice: MappingChoice) => (choice[col.header] ?? null) !== col.auto;

/**
 * The mapping preset to send: every column's field (or null), when the user changed at least one column;
 * null when the automatic mapping stands (the server maps by itself).
 */
export function presetOf(cols: readonly MappingColumn[], choice: MappingChoice): MappingChoice | null {
  if (!cols.some((c) => isChanged(c, choice))) return null;
  return Object.fromEntries(cols.map((c) => [c.header, choice[c.header] ?? null]));
}

/** Fields chosen by more than one column (the importer keeps the first). */
export function duplicateFields(choice: MappingChoice): string[] {
  const seen = new Map<string, number>();
  for (const f of Object.values(choice)) if (f) seen.set(f, (seen.get(f) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([f]) => f);
}

/** Required fields no column maps to (a reference counts as covered by one of its key fields). */
export function missingRequired(required: readonly string[], choice: MappingChoice): string[] {
  const chosen = new Set(Object.values(choice).filter((f): f is string => !!f));
  const covered = (key: string) => chosen.has(key) || [...chosen].some((c) => c.startsWith(`${key}.`));
  return required.filter((k) => !covered(k));
}

/** Columns the user mapped one way and the server another (the server ignored the preset). */
export function mappingIgnored(report: ImportReport, preset: MappingChoice | null): boolean {
  if (!preset) return false;
  return Object.entries(preset).some(([h, f]) => (f ? report.mapping[h] !== f : h in report.mapping));
}

export interface RuleGroup {
  rule: string;
  severity: 'error' | 'warning';
  /** findings of the rule (in the report as returned) */
  count: number;
  /** distinct rows */
  rows: number[];
  examples: ReportFinding[];
}

/** Findings per rule: errors first, then by count. */
export function groupFindings(findings: readonly ReportFinding[], examples = 3): RuleGroup[] {
  const by = new Map<string, RuleGroup>();
  for (const f of findings) {
    let g = by.get(f.rule);
    if (!g) by.set(f.rule, (g = { rule: f.rule, severity: f.severity, count: 0, rows: [], examples: [] }));
    g.count++;
    if (g.rows[g.rows.length - 1] !== f.row) g.rows.push(f.row);
    if (g.examples.length < examples) g.examples.push(f);
    if (f.severity === 'error') g.severity = 'error';
  }
  return [...by.values()].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || b.count - a.count || a.rule.localeCompare(b.rule),
  );
}

export interface RuleSummary {
  rule: string;
  severity: 'error' | 'warning';
  /** findings of the rule over the whole file */
  findings: number;
  /** distinct rows with the rule's finding */
  rows: number;
  /** the first listed finding of the rule (none when the capped list ends before it) */
  example?: ReportFinding;
}

/**
 * Findings per rule over the whole file: the report's exact totals (the server counts every finding; its
 * list may be capped), with an example from the list. A report without totals (stored before they
 * existed) is counted from its list.
 */
export function findingsPerRule(report: Pick<ImportReport, 'findings' | 'totals'>): RuleSummary[] {
  const first = new Map<string, ReportFinding>();
  for (const f of report.findings) if (!first.has(f.rule)) first.set(f.rule, f);
  const rules =
    report.totals?.findings.byRule ??
    groupFindings(report.findings).map((g) => ({ rule: g.rule, severity: g.severity, findings: g.count, rows: new Set(g.rows).size }));
  return rules.map((r) => ({ rule: r.rule, severity: r.severity, findings: r.findings, rows: r.rows, example: first.get(r.rule) }));
}

/** Rows the report has something to say about: rejected (with reasons) or with findings. */
export function rowProblems(report: ImportReport): Map<number, { rejected: string[]; rules: string[] }> {
  const m = new Map<number, { rejected: string[]; rules: string[] }>();
  const at = (row: number) => {
    let p = m.get(row);
    if (!p) m.set(row, (p = { rejected: [], rules: [] }));
    return p;
  };
  for (const r of report.rejected) for (const e of r.errors) at(r.row).rejected.push(e.field ? `${e.field}：${e.message}` : e.message);
  for (const f of report.findings) if (!at(f.row).rules.includes(f.rule)) at(f.row).rules.push(f.rule);
  return m;
}
