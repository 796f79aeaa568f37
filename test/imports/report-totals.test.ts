/**
 * Report completeness: a ledger with more findings than an answer lists (REPORT_CAP). The lists stay capped
 * and say so ("listed N of M"); `totals` counts every finding per rule and severity and the distinct rows,
 * over the whole file — checked against the complete stored report — and the problem-rows XLSX still holds
 * every problem row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSpreadsheet } from '../../imports/readers/open';
import { bufferSource } from '../../imports/readers/source';
import { reportPath } from '../../imports/run/files';
import { REPORT_CAP, type ImportReport, type ReportTotals } from '../../imports/run/types';
import type { TestServer } from '../helpers/app';
import { orderNo, REJECTED_ROW, SAMPLE_ROW, writeLedger } from './generated-ledger';
import { importFile, masterDbFile, startImportServer, tempDb, uploadImport } from './pipeline-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-totals-'));
const ledger = path.join(dir, 'many-findings.csv');
const ROWS = 1500;

/** Sample rows 4 (a buyer not approved), 23 (outbound before the sale) and every 15th row rejected. */
const writeManyFindings = () => writeLedger(ledger, ROWS, (i) => (i % 15 === 14 ? REJECTED_ROW : i % 2 ? SAMPLE_ROW[23] : SAMPLE_ROW[4]));

/** What the totals must be, counted independently from complete lists. */
function expectedTotals(full: ImportReport) {
  const byRule = new Map<string, { findings: number; rows: Set<number> }>();
  const rows = new Set<number>();
  let error = 0;
  let warning = 0;
  for (const f of full.findings) {
    const k = `${f.rule}/${f.severity}`;
    const e = byRule.get(k) ?? { findings: 0, rows: new Set<number>() };
    e.findings++;
    e.rows.add(f.row);
    byRule.set(k, e);
    rows.add(f.row);
    if (f.severity === 'error') error++;
    else warning++;
  }
  return { byRule, rows, error, warning };
}

function checkTotals(totals: ReportTotals | undefined, full: ImportReport, listed: number) {
  expect(totals).toBeDefined();
  const exp = expectedTotals(full);
  expect(totals!.findings.total).toBe(full.findings.length);
  expect(totals!.findings.listed).toBe(listed);
  expect(totals!.findings.bySeverity).toEqual({ error: exp.error, warning: exp.warning });
  expect(totals!.findings.rows).toBe(exp.rows.size);
  expect(totals!.rejected).toMatchObject({ total: full.rejected.length });
  const got = new Map(totals!.findings.byRule.map((r) => [`${r.rule}/${r.severity}`, { findings: r.findings, rows: r.rows }]));
  expect(got).toEqual(new Map([...exp.byRule].map(([k, v]) => [k, { findings: v.findings, rows: v.rows.size }])));
}

let master: string;
beforeAll(async () => {
  writeManyFindings();
  master = await masterDbFile();
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.dirname(master), { recursive: true, force: true });
});

describe('report totals over the whole file', () => {
  it('a dry run and the import answer capped lists with exact per-rule totals; the stored report lists everything', async () => {
    const t = tempDb(master);
    try {
      const out = path.join(dir, 'dry.json');
      const dry = await importFile(t.db, ledger, 'sales-ledger', { dryRun: true, reportFile: out });
      const fullDry = JSON.parse(fs.readFileSync(out, 'utf8')) as ImportReport;
      expect(fullDry.findings.length).toBeGreaterThan(REPORT_CAP);
      expect(dry.truncated).toBe(true);
      expect(dry.report.findings).toHaveLength(REPORT_CAP);
      checkTotals(dry.report.totals, fullDry, REPORT_CAP);
      checkTotals(fullDry.totals, fullDry, fullDry.findings.length);
      expect(dry.report.counts.rejected).toBe(ROWS / 15);
      expect(dry.report.totals!.rejected).toEqual({ total: ROWS / 15, listed: ROWS / 15 });
      const rules = new Map(dry.report.totals!.findings.byRule.map((r) => [r.rule, r]));
      // every copy of row 4 is flagged for its buyer, every copy of row 23 for its dates: rows counted once each
      expect(rules.get('BUYER_NOT_APPROVED')?.rows).toBe(ROWS / 2 - ROWS / 15 / 2);
      expect(rules.get('DATE_INCONSISTENT')?.rows).toBe(ROWS / 2 - ROWS / 15 / 2);

      const real = await importFile(t.db, ledger, 'sales-ledger');
      const full = JSON.parse(fs.readFileSync(reportPath(t.db, real.importId!), 'utf8')) as ImportReport;
      checkTotals(real.report.totals, full, REPORT_CAP);
      expect(real.report.totals!.findings.byRule).toEqual(dry.report.totals!.findings.byRule);
    } finally {
      t.close();
    }
  }, 120_000);

  describe('over HTTP', () => {
    let server: TestServer;
    let cookie: string;
    beforeAll(async () => {
      ({ server, cookie } = await startImportServer());
    }, 120_000);
    afterAll(() => server.close());

    it('the answer and GET /api/imports/:id say "listed N of M"; the problem-rows XLSX has every problem row', async () => {
      const res = await uploadImport(server.url, cookie, { name: 'many-findings.csv', bytes: fs.readFileSync(ledger) }, { kind: 'sales-ledger' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: number; report: ImportReport; truncated: boolean };
      expect(body.truncated).toBe(true);
      const full = JSON.parse(fs.readFileSync(reportPath(server.db, body.id), 'utf8')) as ImportReport;
      checkTotals(body.report.totals, full, REPORT_CAP);

      const stored = (await (await fetch(`${server.url}/api/imports/${body.id}`, { headers: { Cookie: cookie } })).json()) as {
        report: ImportReport & { truncated: boolean };
      };
      expect(stored.report.truncated).toBe(true);
      expect(stored.report.findings).toHaveLength(REPORT_CAP);
      checkTotals(stored.report.totals, full, REPORT_CAP);

      const xlsx = await fetch(`${server.url}/api/imports/${body.id}/report.xlsx`, { headers: { Cookie: cookie } });
      expect(xlsx.status).toBe(200);
      const book = await openSpreadsheet(bufferSource(new Uint8Array(await xlsx.arrayBuffer()), 'p.xlsx'));
      const rows: unknown[][] = [];
      for await (const r of await book.sheet().rows()) rows.push(r.cells);
      const problemRows = new Set([...full.findings.map((f) => f.row), ...full.rejected.map((r) => r.row)]);
      expect(problemRows.size).toBeGreaterThan(REPORT_CAP);
      expect(rows.length - 1).toBe(problemRows.size);
      // each data row starts with its original row number (原行号), then that Excel row's order number
      expect(rows[0][0]).toBe('原行号');
      const orderNoAt = new Map(rows.slice(1).map((r) => [Number(r[0]), String(r[1])]));
      for (const row of problemRows) expect(orderNoAt.get(row), `row ${row}`).toBe(orderNo(row - 2));
    }, 120_000);
  });
});
