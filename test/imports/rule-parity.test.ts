/**
 * Live entry and import read the same rule input (issue #15 item 2). A ledger import evaluates every
 * sales-line and outbound-slip rule on the records it builds in memory (imports/run/ledger/orders.ts, an
 * in-memory RuleContext) and stores the findings; here every rule is evaluated again on the same records
 * as the server builds them from the database (server/services/rules/views.ts, the SQL RuleContext — what
 * live entry, the API's writes and the re-check run), and the findings must be the same: code, record,
 * fields and the message its parameters are rendered into.
 *
 * Records entered through the API are live sales, a ledger's are legacy ones (audited on their legacy
 * facts, schema/legacy.ts), so the same sale entered both ways is not meant to give the same findings:
 * the parity that matters is the same stored records through both builders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS, RULES, SALES_LEDGER_KINDS, evaluate, type RecordKind, type RuleContext } from '../../schema/rules';
import { registry } from '../../schema/resources';
import { loadMaster } from '../../imports/run/ledger/master-data';
import { fixedDayClock } from '../../server/clock';
import { SYSTEM_ACTOR, type ServiceContext } from '../../server/services/context';
import { createRecord, updateRecord } from '../../server/services/write';
import { createSqlContext } from '../../server/services/rules/sql-context';
import { viewOf } from '../../server/services/rules/views';
import { EXPECTED, importFile, masterDbFile, sample, tempDb, type TempDb } from './pipeline-fixtures';

type Key = string;
const key = (code: string, resource: string, id: number, fields: readonly string[], message: string): Key =>
  `${code} ${resource}#${id} [${fields.join(',')}] ${message}`;

/** The findings the import stored for its records. */
function importFindings(t: TempDb, importId: number): Key[] {
  const rows = t.db.$client.prepare('SELECT rule, resource, record_id, fields, message FROM findings WHERE import = ? AND voided_at IS NULL').all(importId) as
    Array<{ rule: string; resource: string; record_id: number; fields: string; message: string }>;
  return rows.map((r) => key(r.rule, r.resource, r.record_id, JSON.parse(r.fields), r.message)).sort();
}

/** Every rule of the ledger's record kinds on the import's records, as the server reads them from the database. */
function databaseFindings(t: TempDb, importId: number): Key[] {
  const ctx = createSqlContext(t.db, EXPECTED.asOf);
  const out: Key[] = [];
  for (const kind of SALES_LEDGER_KINDS) {
    const ids = (t.db.$client.prepare(`SELECT id FROM "${kind}" WHERE import_id = ? AND voided_at IS NULL ORDER BY id`).all(importId) as Array<{ id: number }>).map((r) => r.id);
    expect(ids.length, kind).toBeGreaterThan(0);
    for (const id of ids) {
      const view = viewOf(t.db, kind as RecordKind, id)!;
      for (const f of evaluate(kind, view as never, ctx)) out.push(key(f.code, kind, id, f.fields, f.message.zh));
    }
  }
  return out.sort();
}

/** The sample ledger with its data rows in reverse order: every order's rows scattered (finishScattered). */
function reversed(dir: string): string {
  const [head, ...rows] = fs.readFileSync(sample('ledger-utf8.csv'), 'utf8').replace(/\n$/, '').split('\n');
  const file = path.join(dir, 'ledger-reversed.csv');
  fs.writeFileSync(file, [head, ...rows.reverse()].join('\n') + '\n');
  return file;
}

describe('rule parity: the importer\'s rule input and the database\'s', () => {
  let master: string;
  const dbs: TempDb[] = [];
  beforeAll(async () => { master = await masterDbFile(); });
  afterAll(() => { for (const t of dbs) t.close(); fs.rmSync(path.dirname(master), { recursive: true, force: true }); });

  /** codes found on either side, over all tests of the file */
  const fired = new Set<string>();
  const cases: Array<[string, (dir: string) => string, ((t: TempDb) => void)?]> = [
    ['the sample ledger', () => sample('ledger-utf8.csv')],
    ['the sample ledger, rows reversed (every order re-opened)', reversed],
    ['the sample ledger, its salespeople\'s labour contracts and permits lapsed, a training failed, a batch found nonconforming mid-way',
      () => sample('ledger-utf8.csv'), (t) => { lapseSalespeople(t); failTraining(t, '2024-09-01'); findNonconforming(t, '20242425', '2024-10-01', 'BH-PARITY-1'); }],
  ];
  for (const [name, file, prepare] of cases) {
    it(`${name}: every sales-line and outbound-slip rule finds the same on both`, async () => {
      const t = tempDb(master);
      dbs.push(t);
      prepare?.(t);
      const id = (await importFile(t.db, file(t.dir), 'sales-ledger')).importId!;
      const imported = importFindings(t, id);
      const fromDb = databaseFindings(t, id);
      expect(fromDb).toEqual(imported);
      // the comparison is not vacuous: the planted violations fire most of the ledger's rules
      const codes = new Set(imported.map((k) => k.split(' ')[0]));
      expect(codes.size).toBeGreaterThanOrEqual(20);
      for (const c of codes) fired.add(c);
    });
  }

  it('every rule on every record kind: the SQL RuleContext and the importer\'s in-memory one find the same', () => {
    const t = dbs[0];
    addOthers(t);
    const asOf = EXPECTED.asOf;
    const sql = createSqlContext(t.db, asOf);
    // the importer's context (master data loaded once), with the orders and lines the rules may look up
    const memory = loadMaster(t.db, asOf).ctx;
    for (const o of t.db.$client.prepare('SELECT * FROM sales_orders WHERE voided_at IS NULL').all()) memory.add('orders', o as never);
    for (const l of t.db.$client.prepare('SELECT * FROM sales_lines WHERE voided_at IS NULL').all()) memory.add('lines', l as never);
    const run = (ctx: RuleContext, kind: RecordKind, ids: number[]) =>
      ids.flatMap((id) => evaluate(kind, viewOf(t.db, kind, id) as never, ctx).map((f) => `${f.code} ${kind}#${id} [${f.fields.join(',')}] ${JSON.stringify(f.params ?? {})} ${f.message.zh}`));
    for (const kind of RECORD_KINDS) {
      const ids = (t.db.$client.prepare(`SELECT id FROM "${kind}" WHERE voided_at IS NULL ORDER BY id`).all() as Array<{ id: number }>).map((r) => r.id);
      const fromSql = run(sql, kind, ids);
      expect(run(memory, kind, ids), kind).toEqual(fromSql);
      for (const k of fromSql) fired.add(k.split(' ')[0]);
    }
    // every rule of the catalogue fired somewhere in this file: only service-raised (event) rules are never
    // evaluated on a record (APPROVAL_SUPERSEDED: server/services/lifecycle.ts)
    const evaluated = RULES.filter((r) => !r.event).map((r) => r.code);
    expect(new Set(evaluated).size).toBe(49);
    expect(evaluated.filter((c) => !fired.has(c))).toEqual([]);
    expect(RULES.filter((r) => r.event).map((r) => r.code).sort()).toEqual(['APPROVAL_SUPERSEDED', 'PRODUCT_IMPORT_DOCS_MISSING']);
  });
});

const serviceCtx = (t: TempDb, day: string): ServiceContext => ({ db: t.db, clock: fixedDayClock(day), actor: SYSTEM_ACTOR, lang: 'zh' });

/** Every salesperson's labour contract and permit ended before the ledger's sales (SALESPERSON_NOT_EMPLOYED, _UNCERTIFIED). */
function lapseSalespeople(t: TempDb) {
  const ctx = serviceCtx(t, EXPECTED.asOf);
  for (const s of t.db.$client.prepare('SELECT id, version FROM salespeople WHERE voided_at IS NULL').all() as Array<{ id: number; version: number }>) {
    updateRecord(ctx, registry.get('salespeople')!, s.id, { contract_end: '2021-01-01', permit_no: 'SG-001', permit_valid_to: '2021-01-01', version: s.version }, { historical: true });
  }
}

/** The first salesperson failed a training on `date` (SALESPERSON_UNQUALIFIED reads ctx.trainings). */
function failTraining(t: TempDb, date: string) {
  const s = t.db.$client.prepare('SELECT id FROM salespeople WHERE voided_at IS NULL ORDER BY id LIMIT 1').get() as { id: number };
  createRecord(serviceCtx(t, EXPECTED.asOf), registry.get('trainings')!, { post: 'sales', salesperson: s.id, date, topic: 'GSP 销售管理', passed: false }, { historical: true });
}

/**
 * A batch found nonconforming on `found` (its 已售不合格品处理 case, then its status, as the seed writes them):
 * the ledger's sales of it before that day were not blocked (BATCH_BLOCKED reads ctx.nonconformingSince).
 */
function findNonconforming(t: TempDb, batchNo: string, found: string, caseNo: string) {
  const ctx = serviceCtx(t, EXPECTED.asOf);
  const b = t.db.$client.prepare('SELECT id, version FROM batches WHERE batch_no = ? AND voided_at IS NULL').get(batchNo) as { id: number; version: number };
  createRecord(ctx, registry.get('nonconformities')!, { case_no: caseNo, batch: b.id, found_at: found, reason: '抽检含量不合格' }, { historical: true });
  updateRecord(ctx, registry.get('batches')!, b.id, { status: 'nonconforming', version: b.version }, { historical: true });
}

/**
 * Records the ledger does not bring, each breaking its rule by the samples' as-of date: a contract without
 * its terms, an invoice that does not match its slips and has no goods list, a complaint, an adverse
 * reaction, a quality feedback form, a recall notice never sent, a service point never visited. Written by
 * the write service as historical records, as the demo seed writes them; the invoice's amount and list
 * flags are set in SQL (an invoice is only ever made by its verb from reviewed slips).
 */
function addOthers(t: TempDb) {
  const ctx = serviceCtx(t, '2024-01-05');
  const make = (res: string, input: Record<string, unknown>) => createRecord(ctx, registry.get(res)!, input, { historical: true }).id;
  const sale = t.db.$client.prepare(`SELECT l.customer, l.product, b.batch_no FROM sales_lines l JOIN batches b ON b.id = l.batch
    WHERE l.voided_at IS NULL ORDER BY l.id LIMIT 1`).get() as { customer: number; product: number; batch_no: string };
  make('complaints', { complaint_no: 'TS2024001', customer: sale.customer, channel: 'phone', received_at: '2024-01-05', description: '包装破损' });
  make('adverse_reactions', { customer: sale.customer, product: sale.product, reaction: '皮疹', severity: 'general', received_at: '2024-01-05' });
  make('quality_feedback', { form_no: 'ZLFK-2024-001', source: 'customer', customer: sale.customer, product: sale.product, description: '外观异常' });
  const other = t.db.$client.prepare('SELECT id FROM customers WHERE id <> ? AND voided_at IS NULL ORDER BY id LIMIT 1').get(sale.customer) as { id: number };
  make('contracts', { contract_no: 'HT-PARITY-1', customer: sale.customer, amount: 1000 });
  t.db.$client.prepare('UPDATE invoices SET amount = amount + 100, itemised = 0, list_attached = 0 WHERE id = (SELECT min(invoice) FROM invoice_slips)').run();
  const recall = make('recalls', {
    recall_no: 'ZH2024001', product: sale.product, batches: [sale.batch_no], level: '2', initiated_by: 'manufacturer', reason: '含量不合格', started_at: '2024-01-05',
  });
  make('recall_notices', { recall, customer: other.id });
  const customer = t.db.$client.prepare('SELECT version FROM customers WHERE id = ?').get(sale.customer) as { version: number };
  updateRecord(ctx, registry.get('customers')!, sale.customer, { service_point: true, version: customer.version }, { historical: true });
}
