/**
 * Live entry and import read the same rule input (issue #15 item 2). A ledger import evaluates every
 * sales-line and outbound-slip rule on the records it builds in memory (imports/run/ledger/orders.ts, an
 * in-memory RuleContext) and stores the findings; here every rule is evaluated again on the same records
 * as the server builds them from the database (server/services/rules/views.ts, the SQL RuleContext — what
 * live entry, the API's writes and the re-check run), and the findings must be the same: code, record,
 * fields and the message its parameters are rendered into.
 *
 * The importer's context is loaded from the database (imports/run/ledger/master-data.ts): whatever a rule
 * looks up on live entry — a salesperson's trainings, the day a batch was found nonconforming — it must see
 * on import too, or the rule silently does not fire there; the cases below change such data before the
 * import and the last one compares both contexts on every record kind, every evaluated rule firing.
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
import { createSqlContext, settled } from '../../server/services/rules/sql-context';
import { viewOf } from '../../server/services/rules/views';
import { dropTemplate, engineDb, type DbTemplate, type EngineDb } from '../helpers/engine-db';
import { sqlAll, sqlGet, sqlRun } from '../helpers/sql';
import { EXPECTED, importFile, importMaster, sample } from './pipeline-fixtures';

type Key = string;
const key = (code: string, resource: string, id: number, fields: readonly string[], message: string): Key =>
  `${code} ${resource}#${id} [${fields.join(',')}] ${message}`;

/** The findings the import stored for its records. */
async function importFindings(t: EngineDb, importId: number): Promise<Key[]> {
  const rows = (await sqlAll(
    t.db,
    'SELECT rule, resource, record_id, fields, message FROM findings WHERE import = ? AND voided_at IS NULL',
    importId,
  )) as Array<{ rule: string; resource: string; record_id: number; fields: string; message: string }>;
  return rows.map((r) => key(r.rule, r.resource, r.record_id, JSON.parse(r.fields), r.message)).sort();
}

/** Every rule of the ledger's record kinds on the import's records, as the server reads them from the database. */
async function databaseFindings(t: EngineDb, importId: number): Promise<Key[]> {
  const ctx = await createSqlContext(t.db, EXPECTED.asOf);
  const out: Key[] = [];
  for (const kind of SALES_LEDGER_KINDS) {
    const ids = ((await sqlAll(t.db, `SELECT id FROM "${kind}" WHERE import_id = ? AND voided_at IS NULL ORDER BY id`, importId)) as Array<{ id: number }>).map(
      (r) => r.id,
    );
    expect(ids.length, kind).toBeGreaterThan(0);
    for (const id of ids) {
      const view = (await viewOf(t.db, kind as RecordKind, id))!;
      for (const f of await settled(ctx, () => evaluate(kind, view as never, ctx))) out.push(key(f.code, kind, id, f.fields, f.message.zh));
    }
  }
  return out.sort();
}

/** The sample ledger with its data rows in reverse order: every order's rows scattered (finishScattered). */
function reversed(dir: string): string {
  const [head, ...rows] = fs.readFileSync(sample('ledger-utf8.csv'), 'utf8').replace(/\n$/, '').split('\n');
  const file = path.join(dir, 'ledger-reversed.csv');
  fs.writeFileSync(file, `${[head, ...rows.reverse()].join('\n')}\n`);
  return file;
}

describe("rule parity: the importer's rule input and the database's", () => {
  let master: DbTemplate;
  const dbs: EngineDb[] = [];
  beforeAll(async () => {
    const m = await engineDb();
    await importMaster(m.db);
    master = await m.keep();
  }, 120_000);
  afterAll(async () => {
    for (const t of dbs) await t.close();
    await dropTemplate(master);
  });

  /** codes found on either side, over all tests of the file */
  const fired = new Set<string>();
  const cases: Array<[string, (dir: string) => string, ((t: EngineDb) => void | Promise<void>)?]> = [
    ['the sample ledger', () => sample('ledger-utf8.csv')],
    ['the sample ledger, rows reversed (every order re-opened)', reversed],
    [
      "the sample ledger, its salespeople's labour contracts and permits lapsed, a training failed, a batch found nonconforming mid-way",
      () => sample('ledger-utf8.csv'),
      async (t) => {
        await lapseSalespeople(t);
        await failTraining(t, '2024-09-01');
        await findNonconforming(t, '20242425', '2024-10-01', 'BH-PARITY-1');
      },
    ],
  ];
  for (const [name, file, prepare] of cases) {
    it(`${name}: every sales-line and outbound-slip rule finds the same on both`, async () => {
      const t = await engineDb(master);
      dbs.push(t);
      await prepare?.(t);
      const id = (await importFile(t.db, file(t.dir), 'sales-ledger')).importId!;
      const imported = await importFindings(t, id);
      const fromDb = await databaseFindings(t, id);
      expect(fromDb).toEqual(imported);
      // the comparison is not vacuous: the planted violations fire most of the ledger's rules
      const codes = new Set(imported.map((k) => k.split(' ')[0]));
      expect(codes.size).toBeGreaterThanOrEqual(20);
      for (const c of codes) fired.add(c);
    });
  }

  it("every rule on every record kind: the SQL RuleContext and the importer's in-memory one find the same", async () => {
    const t = dbs[0];
    await addOthers(t);
    const asOf = EXPECTED.asOf;
    const sql = await createSqlContext(t.db, asOf);
    // the importer's context (master data loaded once), with the orders and lines the rules may look up
    const memory = (await loadMaster(t.db, asOf)).ctx;
    for (const o of await sqlAll(t.db, 'SELECT * FROM sales_orders WHERE voided_at IS NULL')) memory.add('orders', o as never);
    for (const l of await sqlAll(t.db, 'SELECT * FROM sales_lines WHERE voided_at IS NULL')) memory.add('lines', l as never);
    // both answer every lookup (a lookup only the SQL one has would leave its rule silent on import)
    expect(
      Object.keys(memory)
        .filter((k) => k !== 'add')
        .sort(),
    ).toEqual(Object.keys(sql).sort());
    const run = async (ctx: RuleContext, kind: RecordKind, ids: number[]) => {
      const out: string[] = [];
      for (const id of ids) {
        const view = (await viewOf(t.db, kind, id)) as never;
        for (const f of await settled(ctx, () => evaluate(kind, view, ctx)))
          out.push(`${f.code} ${kind}#${id} [${f.fields.join(',')}] ${JSON.stringify(f.params ?? {})} ${f.message.zh}`);
      }
      return out;
    };
    // The importer evaluates the sales lines and outbound slips (SALES_LEDGER_KINDS); the other kinds' rules
    // read the context only for names (customer, product, contract, batch), so they are compared too.
    for (const kind of RECORD_KINDS) {
      const ids = ((await sqlAll(t.db, `SELECT id FROM "${kind}" WHERE voided_at IS NULL ORDER BY id`)) as Array<{ id: number }>).map((r) => r.id);
      expect(ids.length, kind).toBeGreaterThan(0);
      const fromSql = await run(sql, kind, ids);
      expect(await run(memory, kind, ids), kind).toEqual(fromSql);
      for (const k of fromSql) fired.add(k.split(' ')[0]);
    }
    // every rule of the catalogue fired somewhere in this file: only service-raised (event) rules are never
    // evaluated on a record (APPROVAL_SUPERSEDED: server/services/lifecycle.ts)
    const evaluated = RULES.filter((r) => !r.event).map((r) => r.code);
    expect(new Set(evaluated).size).toBe(49);
    expect(evaluated.filter((c) => !fired.has(c))).toEqual([]);
    expect(
      RULES.filter((r) => r.event)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['APPROVAL_SUPERSEDED', 'PRODUCT_IMPORT_DOCS_MISSING']);
  });
});

const serviceCtx = (t: EngineDb, day: string): ServiceContext => ({ db: t.db, clock: fixedDayClock(day), actor: SYSTEM_ACTOR, lang: 'zh' });

/** Every salesperson's labour contract and permit ended before the ledger's sales (SALESPERSON_NOT_EMPLOYED, _UNCERTIFIED). */
async function lapseSalespeople(t: EngineDb) {
  const ctx = serviceCtx(t, EXPECTED.asOf);
  for (const s of (await sqlAll(t.db, 'SELECT id, version FROM salespeople WHERE voided_at IS NULL')) as Array<{ id: number; version: number }>) {
    await updateRecord(
      ctx,
      registry.get('salespeople')!,
      s.id,
      { contract_end: '2021-01-01', permit_no: 'SG-001', permit_valid_to: '2021-01-01', version: s.version },
      { historical: true },
    );
  }
}

/** The first salesperson failed a training on `date` (SALESPERSON_UNQUALIFIED reads ctx.trainings). */
async function failTraining(t: EngineDb, date: string) {
  const s = (await sqlGet(t.db, 'SELECT id FROM salespeople WHERE voided_at IS NULL ORDER BY id LIMIT 1')) as { id: number };
  await createRecord(
    serviceCtx(t, EXPECTED.asOf),
    registry.get('trainings')!,
    { post: 'sales', salesperson: s.id, date, topic: 'GSP 销售管理', passed: false },
    { historical: true },
  );
}

/**
 * A batch found nonconforming on `found` (its 已售不合格品处理 case, then its status, as the seed writes them):
 * the ledger's sales of it before that day were not blocked (BATCH_BLOCKED reads ctx.nonconformingSince).
 */
async function findNonconforming(t: EngineDb, batchNo: string, found: string, caseNo: string) {
  const ctx = serviceCtx(t, EXPECTED.asOf);
  const b = (await sqlGet(t.db, 'SELECT id, version FROM batches WHERE batch_no = ? AND voided_at IS NULL', batchNo)) as {
    id: number;
    version: number;
  };
  await createRecord(ctx, registry.get('nonconformities')!, { case_no: caseNo, batch: b.id, found_at: found, reason: '抽检含量不合格' }, { historical: true });
  await updateRecord(ctx, registry.get('batches')!, b.id, { status: 'nonconforming', version: b.version }, { historical: true });
}

/**
 * Records the ledger does not bring, each breaking its rule by the samples' as-of date: a contract without
 * its terms, an invoice that does not match its slips and has no goods list, a complaint, an adverse
 * reaction, a quality feedback form, a recall notice never sent, a service point never visited. Written by
 * the write service as historical records, as the demo seed writes them; the invoice's amount and list
 * flags are set in SQL (an invoice is only ever made by its verb from reviewed slips).
 */
async function addOthers(t: EngineDb) {
  const ctx = serviceCtx(t, '2024-01-05');
  const make = async (res: string, input: Record<string, unknown>) => (await createRecord(ctx, registry.get(res)!, input, { historical: true })).id;
  const sale = (await sqlGet(
    t.db,
    `SELECT l.customer, l.product, b.batch_no FROM sales_lines l JOIN batches b ON b.id = l.batch
    WHERE l.voided_at IS NULL ORDER BY l.id LIMIT 1`,
  )) as { customer: number; product: number; batch_no: string };
  await make('complaints', { complaint_no: 'TS2024001', customer: sale.customer, channel: 'phone', received_at: '2024-01-05', description: '包装破损' });
  await make('adverse_reactions', { customer: sale.customer, product: sale.product, reaction: '皮疹', severity: 'general', received_at: '2024-01-05' });
  await make('quality_feedback', { form_no: 'ZLFK-2024-001', source: 'customer', customer: sale.customer, product: sale.product, description: '外观异常' });
  const other = (await sqlGet(t.db, 'SELECT id FROM customers WHERE id <> ? AND voided_at IS NULL ORDER BY id LIMIT 1', sale.customer)) as {
    id: number;
  };
  const contract = await make('contracts', { contract_no: 'HT-PARITY-1', customer: sale.customer, amount: 1000 });
  await sqlRun(t.db, 'UPDATE invoices SET amount = amount + 100, itemised = FALSE, list_attached = FALSE WHERE id = (SELECT min(invoice) FROM invoice_slips)');
  const recall = await make('recalls', {
    recall_no: 'ZH2024001',
    product: sale.product,
    batches: [sale.batch_no],
    level: '2',
    initiated_by: 'manufacturer',
    reason: '含量不合格',
    started_at: '2024-01-05',
  });
  await make('recall_notices', { recall, customer: other.id });
  const customer = (await sqlGet(t.db, 'SELECT version FROM customers WHERE id = ?', sale.customer)) as { version: number };
  await updateRecord(ctx, registry.get('customers')!, sale.customer, { service_point: true, version: customer.version }, { historical: true });
  await addIssue14Records(t, sale, contract);
}

/**
 * Issue #14's records, each breaking its rule by the as-of date: a batch the ledger sold found nonconforming
 * and nobody told, a failed training, a salesperson without social insurance who failed the assessment, an
 * overdue corrective action, service promise and follow-up plan, a lapsed device agreement without its
 * repair clause, a live sale of refrigerated goods received without a temperature record and a legacy
 * cold-chain trip that ran warm. The importer evaluates sales lines and outbound slips only (SALES_LEDGER_KINDS);
 * the other kinds are compared as well, their rules reading the context for names alone.
 */
async function addIssue14Records(t: EngineDb, sale: { customer: number; product: number }, contract: number) {
  const ctx = serviceCtx(t, EXPECTED.asOf);
  const make = async (res: string, input: Record<string, unknown>) => (await createRecord(ctx, registry.get(res)!, input, { historical: true })).id as number;
  const get = async <T>(q: string, ...args: unknown[]) => (await sqlGet(t.db, q, ...args)) as T;
  // the batch the ledger sold most, found nonconforming in the middle of its sales (BATCH_BLOCKED dates it by the case)
  const sold = await get<{ batch_no: string }>(`SELECT b.batch_no FROM sales_lines l JOIN batches b ON b.id = l.batch WHERE l.voided_at IS NULL
    GROUP BY l.batch, b.batch_no ORDER BY count(*) DESC, l.batch LIMIT 1`);
  await findNonconforming(t, sold.batch_no, '2024-10-01', 'BH-PARITY-2');
  await failTraining(t, '2024-12-01');
  const person = await make('salespeople', {
    name: '钱多多',
    contract_start: '2024-01-01',
    contract_end: '2027-12-31',
    permit_no: 'SG-PARITY',
    permit_valid_to: '2027-12-31',
    social_insurance: false,
  });
  await make('salesperson_assessments', {
    salesperson: person,
    period_from: '2025-01-01',
    period_to: '2025-03-31',
    assessor: '销售部经理',
    conclusion: 'failed',
  });
  await make('corrective_actions', {
    action_no: 'GJ-PARITY-1',
    source: 'complaint',
    cause: '包装破损',
    action: '更换外箱',
    owner: '质管部',
    due_date: '2025-03-01',
  });
  await make('service_promises', { contract, promise: '每季度上门检查冷藏设备', due_date: '2025-03-01', owner: '销售部' });
  await make('follow_up_plans', {
    customer: sale.customer,
    product: sale.product,
    kind: 'medication_effect',
    start_date: '2025-01-01',
    interval_days: 30,
    staff: '售后部',
  });
  const supplier = await make('suppliers', { name: '武汉同济医疗器械供应有限公司' });
  await make('supplier_agreements', {
    agreement_no: 'ZB-PARITY-1',
    supplier,
    manufacturers: ['某医疗器械厂'],
    valid_from: '2023-01-01',
    valid_to: '2025-01-01',
    covers_devices: true,
  });
  // a live sale of refrigerated goods, received; its one trip arrived without the temperature on arrival
  const cold = await get<{
    product: number;
    batch: number;
    salesperson: number;
  }>(`SELECT b.product, b.id batch, o.salesperson FROM batches b JOIN products p ON p.id = b.product
    JOIN sales_lines l ON l.batch = b.id JOIN sales_orders o ON o.id = l."order" WHERE p.storage = 'cold' AND b.voided_at IS NULL ORDER BY b.id LIMIT 1`);
  const order = await make('sales_orders', {
    order_no: 'XS-PARITY-1',
    customer: sale.customer,
    salesperson: cold.salesperson,
    contract,
    sale_date: '2025-06-01',
    payment_method: 'transfer',
    status: 'confirmed',
    sales_lines: [{ product: cold.product, batch: cold.batch, quantity: 2, unit_price: 100, amount: 200 }],
  });
  const slip = await make('outbound_slips', {
    slip_no: 'CK-PARITY-1',
    order,
    outbound_date: '2025-06-02',
    issued_by: '王开票',
    picked_by: '孙立',
    receipt_confirmed_at: '2025-06-03',
  });
  const trip = { carrier: '武汉顺达冷链物流有限公司', driver: '周建国', departed_at: '2025-06-02T01:30:00.000Z', arrived_at: '2025-06-02T05:00:00.000Z' };
  await make('deliveries', { slip, ...trip, temp_start: 4.2 });
  // a legacy slip of refrigerated goods whose trip ran warm
  const legacySlip = await get<{
    id: number;
  }>(`SELECT s.id FROM outbound_slips s JOIN sales_lines l ON l."order" = s."order" JOIN products p ON p.id = l.product
    WHERE p.storage = 'cold' AND s.legacy_facts IS NOT NULL AND s.voided_at IS NULL ORDER BY s.id LIMIT 1`);
  await make('deliveries', { slip: legacySlip.id, ...trip, temp_start: 4.5, temp_end: 6.1, temp_min: 3.8, temp_max: 11.6 });
}
