/**
 * Issue 13 item 3: POST /api/imports takes asOf (the CLI's --as-of): time-based rules judge legacy rows as of
 * that date, the report says which date it used and a ledger's latest sale date (the wizard's default).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/app';
import { EXPECTED, sample, startImportServer, uploadImport } from './pipeline-fixtures';

let server: TestServer;
let cookie: string;

const dryRun = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
  const res = await uploadImport(server.url, cookie, sample('ledger-utf8.csv'), { kind: 'sales-ledger', dryRun: 'true', ...fields }, headers);
  return { status: res.status, body: await res.json() };
};
const receiptFindings = (report: { totals: { findings: { byRule: Array<{ rule: string; findings: number }> } } }) =>
  report.totals.findings.byRule.find((r) => r.rule === 'RECEIPT_UNCONFIRMED')?.findings ?? 0;

beforeAll(async () => {
  ({ server, cookie } = await startImportServer());
}, 60_000);
afterAll(() => server.close());

describe('POST /api/imports asOf', () => {
  it("judges time-based rules as of the date asked for, and reports it with the ledger's latest sale date", async () => {
    const today = await dryRun({});
    expect(today.status).toBe(200);
    expect(today.body.report.asOf).toBe(EXPECTED.asOf);
    expect(today.body.report.latestDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(today.body.report.latestDate <= EXPECTED.asOf).toBe(true);

    const later = await dryRun({ asOf: '2030-01-01' });
    expect(later.status).toBe(200);
    expect(later.body.report.asOf).toBe('2030-01-01');
    // years later, every slip still without a receipt confirmation is overdue
    expect(receiptFindings(later.body.report)).toBeGreaterThan(receiptFindings(today.body.report));

    const atLatest = await dryRun({ asOf: today.body.report.latestDate });
    expect(atLatest.body.report.asOf).toBe(today.body.report.latestDate);
    expect(receiptFindings(atLatest.body.report)).toBeLessThanOrEqual(receiptFindings(today.body.report));
  });

  it("refuses a malformed date with a 400 in the user's language", async () => {
    const zh = await dryRun({ asOf: '2025-02-30' });
    expect(zh.status).toBe(400);
    expect(zh.body.message).toContain('判定基准日');
    const en = await dryRun({ asOf: 'yesterday' }, { 'Accept-Language': 'en' });
    expect(en.status).toBe(400);
    expect(en.body.message).toContain('asOf must be a YYYY-MM-DD date');
  });
});
