/**
 * Exact totals over ALL of an import's findings and rejected rows, counted while the report streams them
 * (the lists in an API answer are capped at REPORT_CAP, the totals never are): per rule code and severity
 * the number of findings and of distinct rows, per severity, and the distinct problem rows (rows with a
 * finding or a rejection — the rows of the problem-rows XLSX).
 */
import type { ReportFinding, ReportReject, ReportTotals, RuleTotal } from '../run/types';

export class TotalsCounter {
  private readonly rules = new Map<string, RuleTotal & { lastRow: number }>();
  private readonly severity = { error: 0, warning: 0 };
  private findings = 0;
  private rejected = 0;
  private findingRows = 0;
  private lastFindingRow = Number.NaN;

  /**
   * Findings arrive ordered by row (staging: ORDER BY row; master import: sorted), so "a new row" is a row
   * different from the previous one of the same rule: no set of rows per rule, memory stays flat.
   */
  finding(f: ReportFinding): void {
    this.findings++;
    this.severity[f.severity === 'error' ? 'error' : 'warning']++;
    const key = `${f.rule}\u0001${f.severity}`;
    let t = this.rules.get(key);
    if (!t) this.rules.set(key, (t = { rule: f.rule, severity: f.severity, findings: 0, rows: 0, lastRow: Number.NaN }));
    t.findings++;
    if (t.lastRow !== f.row) {
      t.rows++;
      t.lastRow = f.row;
    }
    if (this.lastFindingRow !== f.row) {
      this.findingRows++;
      this.lastFindingRow = f.row;
    }
  }

  reject(_r: ReportReject): void {
    this.rejected++;
  }

  /** The totals of a complete list (`listed` = total); see `listing` for a capped one. */
  result(): ReportTotals {
    const byRule = [...this.rules.values()]
      .map(({ lastRow: _, ...t }) => t)
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || b.findings - a.findings || a.rule.localeCompare(b.rule));
    return {
      findings: { total: this.findings, listed: this.findings, bySeverity: { ...this.severity }, byRule, rows: this.findingRows },
      rejected: { total: this.rejected, listed: this.rejected },
    };
  }
}

/** The same totals for lists cut to `findings` / `rejected` entries. */
export function listing(t: ReportTotals, findings: number, rejected: number): ReportTotals {
  return { findings: { ...t.findings, listed: findings }, rejected: { ...t.rejected, listed: rejected } };
}

/** The totals of a report whose lists are complete (an older stored report without `totals`). */
export function totalsOf(findings: Iterable<ReportFinding>, rejected: Iterable<ReportReject>): ReportTotals {
  const c = new TotalsCounter();
  const sorted = [...findings].sort((a, b) => a.row - b.row);
  for (const f of sorted) c.finding(f);
  for (const r of rejected) c.reject(r);
  return c.result();
}
