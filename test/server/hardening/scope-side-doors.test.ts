/**
 * Issue 12 item 5: a salesperson reads nothing of another salesperson's orders, lines and contracts through
 * the records ABOUT them (audit_log, findings, signatures), and no one else's import (record, original file,
 * rejected rows, problem report) — as the salesperson who tried it.
 */
import { transaction } from '../../../server/db';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, signatures } from '../../../schema/tables';
import { buildRbacWorld, type RbacWorld } from '../../helpers/rbac-world';
import { SAMPLES_DIR } from '../../helpers/shared';
import { uploadImport } from '../../imports/pipeline-fixtures';

let w: RbacWorld;
const q = (filter: Record<string, unknown>) => `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,999]')}`;
const ids = (body: unknown) => (body as { id: number }[]).map((r) => r.id);
let adminImport: number;
let salesImport: number;

beforeAll(async () => {
  w = await buildRbacWorld();
  const now = w.srv.clock.now().toISOString();
  const finding = async (record: number, salesperson: number) =>
    (
      await transaction(
        w.srv.db,
        async () =>
          await w.srv.db
            .insert(findings)
            .values({
              rule: 'TEST_RULE',
              severity: 'warning',
              resource: 'sales_orders',
              record_id: record,
              salesperson,
              message: 'test finding',
              status: 'open',
              created_at: now,
              updated_at: now,
            })
            .returning()
            .get(),
      )
    ).id;
  await finding(w.extra.otherOrder, w.other.salesperson);
  await finding(w.extra.shipOrder, w.world.salesperson);
  const up = async (who: 'admin' | 'sales', file: string, kind: string) => {
    const cookie = w.cookies[who];
    const res = await uploadImport(w.srv.url, cookie, { name: file, bytes: fs.readFileSync(path.join(SAMPLES_DIR, file)) }, { kind });
    const body = await res.json();
    expect([200, 201], JSON.stringify(body)).toContain(res.status);
    return body.id as number;
  };
  adminImport = await up('admin', 'company_licenses.csv', 'company_licenses');
  salesImport = await up('sales', 'customers.csv', 'customers');
}, 120_000);
afterAll(() => w?.srv.close());

describe("records about another salesperson's records", () => {
  it("audit_log filtered by record: the other salesperson's order, line and contract are not listed, nor shown", async () => {
    for (const [resource, id] of [
      ['sales_orders', w.extra.otherOrder],
      ['sales_lines', w.extra.otherLine],
      ['contracts', w.extra.otherContract],
    ] as const) {
      const asAdmin = await w.call('admin', 'GET', `/audit_log?${q({ resource, record_id: id })}`);
      expect(asAdmin.body.length, `${resource}: the admin sees its trail`).toBeGreaterThan(0);
      const asSales = await w.call('sales', 'GET', `/audit_log?${q({ resource, record_id: id })}`);
      expect(asSales.status).toBe(200);
      expect(asSales.body, resource).toEqual([]);
      expect(asSales.headers.get('content-range')).toMatch(/\/0$/);
      const one = await w.call('sales', 'GET', `/audit_log/${asAdmin.body[0].id}`);
      expect(one.status, `${resource}: one audit row`).toBe(403);
    }
    // their own order's trail is still theirs
    expect((await w.call('sales', 'GET', `/audit_log?${q({ resource: 'sales_orders', record_id: w.extra.shipOrder })}`)).body.length).toBeGreaterThan(0);
    // an unfiltered audit_log names no record of the other salesperson
    const all = await w.call('sales', 'GET', `/audit_log?${q({ resource: 'sales_orders' })}`);
    expect(all.body.map((r: { record_id: number }) => r.record_id)).not.toContain(w.extra.otherOrder);
  });

  it("findings filtered by salesperson: none of the other salesperson's", async () => {
    const asSales = await w.call('sales', 'GET', `/findings?${q({ salesperson: w.other.salesperson })}`);
    expect(asSales.status).toBe(200);
    expect(asSales.body).toEqual([]);
    expect((await w.call('admin', 'GET', `/findings?${q({ salesperson: w.other.salesperson })}`)).body.length).toBe(1);
    const own = await w.call('sales', 'GET', `/findings?${q({ salesperson: w.world.salesperson, rule: 'TEST_RULE' })}`);
    expect(own.body.length).toBe(1);
    const other = (await w.call('admin', 'GET', `/findings?${q({ salesperson: w.other.salesperson })}`)).body[0];
    expect((await w.call('sales', 'GET', `/findings/${other.id}`)).status).toBe(403);
  });

  it("signatures of the other salesperson's contract are not listed", async () => {
    const now = w.srv.clock.now().toISOString();
    await transaction(
      w.srv.db,
      async () =>
        await w.srv.db
          .insert(signatures)
          .values({
            resource: 'contracts',
            record_id: w.extra.otherContract,
            meaning: 'approve',
            signer: w.userIds.sales_head,
            signer_name: '刘经理',
            signed_at: now,
            record_hash: 'x',
            created_at: now,
            updated_at: now,
          })
          .run(),
    );
    const filter = q({ resource: 'contracts', record_id: w.extra.otherContract });
    expect((await w.call('admin', 'GET', `/signatures?${filter}`)).body.length).toBe(1);
    const r = await w.call('sales', 'GET', `/signatures?${filter}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([]);
  });
});

describe('imports belong to the user who imported', () => {
  it("the salesperson cannot list, read or download the admin's import, its file, rejects or report", async () => {
    expect(ids((await w.call('sales', 'GET', `/imports?${q({})}`)).body)).toEqual([salesImport]);
    expect(ids((await w.call('admin', 'GET', `/imports?${q({})}`)).body)).toEqual(expect.arrayContaining([adminImport, salesImport]));
    for (const p of [`/imports/${adminImport}`, `/imports/${adminImport}/file`, `/imports/${adminImport}/report.xlsx`]) {
      const r = await w.call('sales', 'GET', p);
      expect(r.status, p).toBe(403);
      expect(r.body.message, p).toBe('这条记录不属于您负责的范围');
    }
    expect((await w.call('sales', 'GET', `/import_rejects?${q({ import: adminImport })}`)).body).toEqual([]);
    expect(
      (await w.call('sales', 'GET', `/findings?${q({ import: adminImport })}`)).body.filter((f: { record_id: number | null }) => f.record_id == null),
    ).toEqual([]);
  });

  it('their own import stays readable, and QA and the auditor read every import', async () => {
    expect((await w.call('sales', 'GET', `/imports/${salesImport}`)).status).toBe(200);
    expect((await w.call('sales', 'GET', `/imports/${salesImport}/file`)).status).toBe(200);
    for (const role of ['qa', 'auditor'] as const) expect((await w.call(role, 'GET', `/imports/${adminImport}/file`)).status, role).toBe(200);
    expect((await w.call('warehouse', 'GET', `/imports/${adminImport}`)).status).toBe(403);
  });
});
