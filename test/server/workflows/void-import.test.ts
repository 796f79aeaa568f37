/**
 * Voiding a whole sales-ledger import over HTTP (POST /api/imports/:id/void-import, signed): who may, the
 * reason it needs, the refusals (a record of the import changed since, a live record from elsewhere pointing
 * at one, a master-data import), and what it does — every record the import created voided with the reason,
 * its findings too, one audit row with the counts, the same file importable again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, ADMIN_PASSWORD, type TestServer } from '../../helpers/app';
import { SAMPLE_ROW, writeLedger } from '../../imports/generated-ledger';
import { count, EXPECTED, sample, startImportServer, uploadImport } from '../../imports/pipeline-fixtures';
import { sqlAll, sqlGet } from '../../helpers/sql';
import { apiCaller } from '../api-client';

const PASSWORD = 'void-import-pass-1';
const LEDGER_TABLES = ['sales_orders', 'sales_lines', 'outbound_slips', 'invoices', 'invoice_slips', 'special_checks', 'invoice_lines'];
let srv: TestServer;
let admin: string;
let qa: string;
let sales: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-void-import-'));

const api = apiCaller(() => srv.url);
const call = (cookie: string, method: string, p: string, body?: unknown, lang?: string) =>
  api(cookie, method, p, body, lang ? { 'accept-language': lang } : {});
async function user(username: string, roles: string[]) {
  const r = await call(admin, 'POST', '/users', { username, display_name: username, roles, password: PASSWORD, active: true });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return login(srv.url, username, PASSWORD);
}
async function importLedger(file: string, kind = 'sales-ledger'): Promise<number> {
  const res = await uploadImport(srv.url, admin, file, { kind, ...(kind !== 'sales-ledger' && { force: 'true' }) });
  const body = (await res.json()) as { id: number };
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(201);
  return body.id;
}
const live = (table: string, imp: number) => count(srv.db, `SELECT count(*) AS n FROM "${table}" WHERE import_id = ? AND voided_at IS NULL`, imp);
const voidImport = (cookie: string, id: number, body: Record<string, unknown>, lang?: string) => call(cookie, 'POST', `/imports/${id}/void-import`, body, lang);

beforeAll(async () => {
  ({ server: srv, cookie: admin } = await startImportServer());
  qa = await user('qa_void', ['qa']);
  sales = await user('sales_void', ['sales']);
}, 120_000);
afterAll(async () => {
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('voiding a sales-ledger import', () => {
  it('refuses other roles, a missing reason or password, and a master-data import', async () => {
    const id = await importLedger(sample('ledger-utf8.csv'));
    expect((await voidImport(sales, id, { password: PASSWORD, comment: '导错文件' })).status).toBe(403);
    expect((await voidImport(qa, id, { password: PASSWORD })).status).toBe(400);
    const wrong = await voidImport(qa, id, { password: 'wrong-password', comment: '导错文件' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.password).toBeTruthy();
    expect(await live('sales_lines', id)).toBeGreaterThan(0);
    const master = await importLedger(sample('salespeople.csv'), 'salespeople');
    const r = await voidImport(admin, master, { password: ADMIN_PASSWORD, comment: '试一下' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('只能撤销已完成的销售台账导入');
    // leave the sample import voided for the next tests (its order numbers would clash otherwise)
    expect((await voidImport(qa, id, { password: PASSWORD, comment: '重新整理后再导入' })).status).toBe(200);
  });

  it('voids every record it created with the reason, its findings too, writes one audit row, and the file can be imported again', async () => {
    const file = sample('ledger-utf8.csv');
    const id = await importLedger(file);
    const before = Object.fromEntries(await Promise.all(LEDGER_TABLES.map(async (t) => [t, await live(t, id)])));
    const expected = EXPECTED.ledgers['ledger-utf8.csv'];
    expect(before.sales_lines).toBe(expected.dataRows - expected.rejected.length);
    expect(before.sales_orders).toBeGreaterThan(0);
    const findings = await count(srv.db, 'SELECT count(*) AS n FROM findings WHERE import = ? AND voided_at IS NULL', id);
    expect(findings).toBeGreaterThan(0);
    const pending = (await live('customers', id)) + (await live('products', id)) + (await live('batches', id)) + (await live('salespeople', id));

    const r = await voidImport(qa, id, { password: PASSWORD, comment: '导错了年份' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record.status).toBe('voided');
    expect(r.body.signature.meaning).toBe('void_import');
    for (const t of [...LEDGER_TABLES, 'customers', 'products', 'batches', 'salespeople']) expect(await live(t, id), t).toBe(0);
    expect(await count(srv.db, 'SELECT count(*) AS n FROM findings WHERE import = ? AND voided_at IS NULL', id)).toBe(0);
    expect(await count(srv.db, "SELECT count(*) AS n FROM sales_lines WHERE import_id = ? AND void_reason = '导错了年份'", id)).toBe(before.sales_lines);
    // one audit row with the counts per table (and the imports row's own update)
    const audit = (await sqlAll(srv.db, "SELECT after FROM audit_log WHERE resource = 'imports' AND record_id = ? AND action = 'void'", id)) as {
      after: string;
    }[];
    expect(audit).toHaveLength(1);
    const voided = JSON.parse(audit[0].after).voided as Record<string, number>;
    for (const t of LEDGER_TABLES) expect(voided[t] ?? 0, t).toBe(before[t]);
    expect(voided.findings).toBe(findings);
    expect((voided.customers ?? 0) + (voided.products ?? 0) + (voided.batches ?? 0) + (voided.salespeople ?? 0)).toBe(pending);
    // no longer counted as done: the same file is imported again, not reported as a duplicate
    const again = await importLedger(file);
    expect(await live('sales_lines', again)).toBe(before.sales_lines);
    // and a voided import cannot be voided twice
    const twice = await voidImport(qa, id, { password: PASSWORD, comment: '再来' }, 'en');
    expect(twice.status).toBe(400);
    expect(twice.body.message).toBe('Only a finished sales-ledger import can be voided (a master-data import updates existing records)');
    expect((await voidImport(qa, again, { password: PASSWORD, comment: '清理' })).status).toBe(200);
  });

  it('is refused while a live record from elsewhere refers to one of its records, and once it was worked on', async () => {
    const file = path.join(dir, 'ledger-100.csv');
    writeLedger(file, 100, (i) => SAMPLE_ROW[i % 2 ? 19 : 23]);
    const id = await importLedger(file);
    const invoice = (await sqlGet(srv.db, 'SELECT id, customer FROM invoices WHERE import_id = ? ORDER BY id LIMIT 1', id)) as {
      id: number;
      customer: number;
    };
    const finance = await user('fin_void', ['finance']);
    const pay = await call(finance, 'POST', '/payments', {
      customer: invoice.customer,
      invoice: invoice.id,
      amount: 10,
      paid_at: '2025-06-01',
      method: 'transfer',
      voucher_no: 'PZ-VOID-1',
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    let r = await voidImport(qa, id, { password: PASSWORD, comment: '导错文件' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/其他记录仍在引用本次导入的记录.*回款（发票号）1 条/);
    r = await voidImport(qa, id, { password: PASSWORD, comment: '导错文件' }, 'en');
    expect(r.body.message).toMatch(/Other records still refer to records of this import.*Payments \(Invoice\) 1 record/);
    expect(await live('sales_lines', id)).toBe(100);
    // the payment voided, the import can go — unless someone has worked on its records meanwhile
    // (a payment is voided by finance's signed step, with a reason)
    expect((await call(finance, 'POST', `/payments/${pay.body.id}/void-payment`, { password: PASSWORD, comment: '录错' })).status).toBe(200);
    const order = (await sqlGet(srv.db, 'SELECT id, version FROM sales_orders WHERE import_id = ? ORDER BY id LIMIT 1', id)) as {
      id: number;
      version: number;
    };
    const edit = await call(admin, 'PUT', `/sales_orders/${order.id}`, { id: order.id, version: order.version, remark: '已人工核对' });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    r = await voidImport(qa, id, { password: PASSWORD, comment: '导错文件' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/本次导入的记录此后已被修改，不能整体撤销：销售单 1 条/);
    expect(await live('sales_orders', id)).toBe(100);
  });
});
