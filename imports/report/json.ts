/**
 * The JSON report, written as a stream: a million-row ledger may carry hundreds of thousands of findings,
 * which come straight from the staging database and never sit in memory together. The caller also gets a
 * copy capped at REPORT_CAP findings and rejected rows (API responses, tests). Both carry `totals`, the exact
 * counts per rule and severity over every finding, counted as they stream past.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPORT_CAP, type ImportReport, type ReportFinding, type ReportHead, type ReportReject, type ReportTail } from '../run/types';
import { listing, TotalsCounter } from './totals';

class Out {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fd: number | null) {}
  write(s: string) {
    if (this.fd === null) return;
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    if (this.fd === null || !this.parts.length) return;
    fs.writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * Writes `{ import, mapping, unmapped, counts, findings, rejected, …tail }` to `file` (when given) and
 * returns the report with capped lists. `file` is written to a temp name and renamed when complete.
 */
export function writeReport(
  file: string | undefined,
  head: ReportHead,
  findings: Iterable<ReportFinding>,
  rejected: Iterable<ReportReject>,
  tail: ReportTail = {},
): { report: ImportReport; truncated: boolean } {
  const tmp = file ? path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`) : null;
  if (file) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = tmp ? fs.openSync(tmp, 'w') : null;
  const out = new Out(fd);
  let truncated = false;
  const totals = new TotalsCounter();
  const list = <T>(key: string, items: Iterable<T>, count: (item: T) => void): T[] => {
    const kept: T[] = [];
    out.write(`,\n  ${JSON.stringify(key)}: [`);
    let n = 0;
    for (const item of items) {
      count(item);
      out.write(`${n ? ',' : ''}\n    ${JSON.stringify(item)}`);
      if (n < REPORT_CAP) kept.push(item);
      else truncated = true;
      n++;
    }
    out.write(n ? '\n  ]' : ']');
    return kept;
  };
  try {
    out.write('{');
    out.write(
      `\n  "import": ${JSON.stringify(head.import)},\n  "mapping": ${JSON.stringify(head.mapping)},\n  "unmapped": ${JSON.stringify(head.unmapped)},\n  "counts": ${JSON.stringify(head.counts)}`,
    );
    const f = list('findings', findings, (x) => totals.finding(x));
    const r = list('rejected', rejected, (x) => totals.reject(x));
    const full = totals.result();
    const { totals: _stale, ...rest } = tail;
    for (const [k, v] of Object.entries({ totals: full, ...rest })) if (v !== undefined) out.write(`,\n  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    out.write('\n}\n');
    out.flush();
    if (fd !== null) {
      fs.closeSync(fd);
      fs.renameSync(tmp!, file!);
    }
    return { report: { ...head, findings: f, rejected: r, totals: listing(full, f.length, r.length), ...rest }, truncated };
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
      fs.rmSync(tmp!, { force: true });
    }
    throw e;
  }
}
