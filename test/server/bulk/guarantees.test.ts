/**
 * The write service's bulk part (server/services/bulk/) keeps write.ts's guarantees, checked here on the
 * real server with the sample ledger imported by the least-privileged role that may import one (a
 * salesperson: own rows only) and then voided by QA (the signed verb): permissions and scope per row,
 * legacy reviews kept as facts (never our signatures), every rule's findings on the merged records (the
 * same as the live rules give on those records), versions and stamps, one audit row per bulk write in an
 * intact hash chain, and a void that takes the records' findings with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../schema/rules';
import { verifyAuditChain } from '../../../server/services/audit';
import { createSqlContext, settled } from '../../../server/services/rules/sql-context';
import { saleLineViews } from '../../../server/services/rules/views';
import { login, type TestServer } from '../../helpers/app';
import { EXPECTED, sample, startImportServer, uploadImport } from '../../imports/pipeline-fixtures';
import { sqlAll, sqlGet } from '../../helpers/sql';

const PASSWORD = 'bulk-guarantees-1';
const OWN = '高刚'; // a salesperson of salespeople.csv
const TABLES = ['sales_orders', 'sales_lines', 'outbound_slips', 'invoices', 'invoice_slips', 'special_checks', 'invoice_lines', 'findings'];
let srv: TestServer;
let admin: string;
let sales: string;
let qa: string;
let salesUser: number;
let qaUser: number;
let importId: number;

const all = <T>(sql: string, ...args: unknown[]) => sqlAll<T>(srv.db, sql, ...args);
const one = async <T>(sql: string, ...args: unknown[]) => (await sqlGet<T>(srv.db, sql, ...args)) as T;
async function user(username: string, roles: string[], extra: Record<string, unknown> = {}): Promise<[string, number]> {
  const res = await fetch(`${srv.url}/api/users`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/json' },
    body: JSON.stringify({ username, display_name: username, roles, password: PASSWORD, active: true, ...extra }),
  });
  const body = (await res.json()) as { id: number };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return [await login(srv.url, username, PASSWORD), body.id];
}

beforeAll(async () => {
  ({ server: srv, cookie: admin } = await startImportServer());
  const own = (await one<{ id: number }>('SELECT id FROM salespeople WHERE name = ?', OWN)).id;
  [sales, salesUser] = await user('bulk_sales', ['sales'], { salesperson: own });
  [qa, qaUser] = await user('bulk_qa', ['qa']);
  const res = await uploadImport(srv.url, sales, sample('ledger-utf8.csv'), { kind: 'sales-ledger' });
  const body = (await res.json()) as { id: number };
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(201);
  importId = body.id;
}, 120_000);
afterAll(() => srv?.close());

describe('the ledger merge (bulk)', () => {
  it('writes only the rows the user may write: their own orders, the others refused with a reason', async () => {
    const people = await all<{ name: string }>(
      `SELECT DISTINCT p.name FROM sales_orders o JOIN salespeople p ON p.id = o.salesperson WHERE o.import_id = ?`,
      importId,
    );
    expect(people.map((p) => p.name)).toEqual([OWN]);
    const rejects = (await one<{ n: number }>('SELECT count(*) AS n FROM import_rejects WHERE import = ?', importId)).n;
    expect(rejects).toBeGreaterThan(EXPECTED.ledgers['ledger-utf8.csv'].rejected.length);
  });

  it('keeps the ledger’s reviews as untrusted legacy facts, never in our review fields', async () => {
    const slips = await all<{ reviewed_by: string | null; legacy_facts: string | null }>(
      'SELECT reviewed_by, legacy_facts FROM outbound_slips WHERE import_id = ?',
      importId,
    );
    expect(slips.length).toBeGreaterThan(0);
    expect(slips.every((s) => s.reviewed_by == null)).toBe(true);
    const facts = slips.filter((s) => s.legacy_facts).map((s) => JSON.parse(s.legacy_facts!));
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((f) => f.trusted === false && f.by === 'bulk_sales' && f.fields.reviewed_by)).toBe(true);
  });

  it('stamps every record as write.ts does: version 1, created and updated by the importing user, the import id', async () => {
    for (const t of TABLES) {
      const s = await one<{ n: number; bad: number }>(
        `SELECT count(*) AS n, COALESCE(sum(CASE WHEN version != 1 OR created_by IS DISTINCT FROM ? OR updated_by IS DISTINCT FROM ? OR created_at IS NULL OR updated_at != created_at THEN 1 ELSE 0 END), 0) AS bad FROM "${t}" WHERE import_id = ?`,
        salesUser,
        salesUser,
        importId,
      );
      expect(s.n, t).toBeGreaterThan(0);
      expect(s.bad, t).toBe(0);
    }
  });

  it('stores the findings the live rules give on the merged records', async () => {
    const rc = await createSqlContext(srv.db, EXPECTED.asOf);
    const stored = new Map<number, string[]>();
    for (const f of await all<{ record_id: number; rule: string }>(
      "SELECT record_id, rule FROM findings WHERE import = ? AND resource = 'sales_lines' ORDER BY rule",
      importId,
    )) {
      stored.set(f.record_id, [...(stored.get(f.record_id) ?? []), f.rule]);
    }
    let lines = 0;
    for (const { id } of await all<{ id: number }>('SELECT id FROM sales_orders WHERE import_id = ?', importId)) {
      for (const view of await saleLineViews(srv.db, id)) {
        lines++;
        const live = (await settled(rc, () => evaluate('sales_lines', view, rc))).map((f) => f.code).sort();
        expect(stored.get(view.id as number) ?? [], `line ${view.id}`).toEqual([...new Set(live)]);
      }
    }
    expect(lines).toBeGreaterThan(0);
    expect(stored.size).toBeGreaterThan(0);
    // each with the context of its record (buyer, salesperson, product, batch, business date) for QA's filters
    const off = (sql: string) => one<{ n: number; all: number }>(sql, importId);
    const lineCtx =
      await off(`SELECT sum(CASE WHEN f.customer IS DISTINCT FROM o.customer OR f.salesperson IS DISTINCT FROM o.salesperson OR f.product IS DISTINCT FROM l.product
      OR f.batch IS DISTINCT FROM l.batch OR f.record_date IS DISTINCT FROM substr(o.sale_date, 1, 10) THEN 1 ELSE 0 END) AS n, count(*) AS "all"
      FROM findings f JOIN sales_lines l ON l.id = f.record_id JOIN sales_orders o ON o.id = l."order" WHERE f.resource = 'sales_lines' AND f.import = ?`);
    const slipCtx =
      await off(`SELECT sum(CASE WHEN f.customer IS DISTINCT FROM o.customer OR f.salesperson IS DISTINCT FROM o.salesperson OR f.record_date IS DISTINCT FROM substr(s.outbound_date, 1, 10) THEN 1 ELSE 0 END) AS n, count(*) AS "all"
      FROM findings f JOIN outbound_slips s ON s.id = f.record_id JOIN sales_orders o ON o.id = s."order" WHERE f.resource = 'outbound_slips' AND f.import = ?`);
    expect([lineCtx.n, slipCtx.n]).toEqual([0, 0]);
    expect(lineCtx.all + slipCtx.all).toBe((await one<{ n: number }>('SELECT count(*) AS n FROM findings WHERE import = ?', importId)).n);
  });

  it('writes one audit row for the whole import in an intact hash chain, with what it wrote', async () => {
    const rows = await all<{ action: string; actor: number; after: string }>(
      "SELECT action, actor, after FROM audit_log WHERE resource = 'imports' AND record_id = ?",
      importId,
    );
    expect(rows.map((r) => [r.action, r.actor])).toEqual([['create', salesUser]]);
    const records = JSON.parse(rows[0].after).records as Record<string, number>;
    expect(records.sales_lines).toBe((await one<{ n: number }>('SELECT count(*) AS n FROM sales_lines WHERE import_id = ?', importId)).n);
    expect((await verifyAuditChain(srv.db)).breaks).toEqual([]);
  });
});

describe('voiding the import (bulk)', () => {
  it('refuses the salesperson who imported it (not their verb)', async () => {
    const res = await fetch(`${srv.url}/api/imports/${importId}/void-import`, {
      method: 'POST',
      headers: { cookie: sales, 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD, comment: '导错' }),
    });
    expect(res.status).toBe(403);
  });

  it('voids every record and its findings with version + 1, who and why; one audit row; the chain still verifies', async () => {
    const res = await fetch(`${srv.url}/api/imports/${importId}/void-import`, {
      method: 'POST',
      headers: { cookie: qa, 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD, comment: '导错文件' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    for (const t of TABLES) {
      const s = await one<{ n: number; bad: number }>(
        `SELECT count(*) AS n, COALESCE(sum(CASE WHEN version != 2 OR voided_by IS DISTINCT FROM ? OR void_reason != '导错文件' OR voided_at IS NULL OR updated_by IS DISTINCT FROM ? THEN 1 ELSE 0 END), 0) AS bad FROM "${t}" WHERE import_id = ?`,
        qaUser,
        qaUser,
        importId,
      );
      expect(s.n, t).toBeGreaterThan(0);
      expect(s.bad, t).toBe(0);
    }
    const rows = await all<{ action: string; actor: number; reason: string }>(
      "SELECT action, actor, reason FROM audit_log WHERE resource = 'imports' AND record_id = ? ORDER BY id",
      importId,
    );
    // the bulk void's one row, then the verb's own change of the imports row (status voided, through write.ts)
    expect(rows.map((r) => [r.action, r.actor])).toEqual([
      ['create', salesUser],
      ['void', qaUser],
      ['update', qaUser],
    ]);
    expect(rows[1].reason).toContain('导错文件');
    expect((await verifyAuditChain(srv.db)).breaks).toEqual([]);
  });
});
