/**
 * Demo data for a first start (unless GSP_DEMO=0): a Wuhan drug and device wholesaler's last 18 months,
 * dated relative to clock.today() and generated from a fixed seed, so the same day gives the same data.
 * Everything is written through the write service (validated, audited) in a few large transactions, as
 * historical records: the live rules store what the planted records break as open findings.
 *
 * Planted violations of RULES.md (everything else is meant to be clean), about 4 % of the sales lines:
 *   BUYER_INDIVIDUAL          3 orders to two private persons (张建国, 李秀兰)
 *   BUYER_NOT_APPROVED        3 orders to a pharmacy still pending first-business review; 2 to a clinic before its approval
 *   BUYER_LICENSE_EXPIRED     3 orders to 荆州市民生大药房 after its drug licence expired (75 days ago)
 *   BUYER_LICENSE_MISSING     2 orders of class II devices to a college holding only a business licence
 *   BUYER_OUT_OF_SCOPE        3 lines of 胰酶肠溶胶囊 (生化药品) to pharmacies licensed without that category
 *   BUYER_STORAGE_UNREVIEWED  2 lines of insulin to 衡阳市雁城医院, whose cold storage was never reviewed
 *   BUYER_CREDIT_UNREVIEWED   the new clinic 洛阳市涧西区安康诊所 has no credit review (its few orders)
 *   SALESPERSON_UNAUTHORIZED  2 outside the letter's region, 2 outside its varieties, 2 between two letters, 2 on an unsealed letter
 *   SALESPERSON_NOT_EMPLOYED  1 order booked under 赵敏 after her labour contract ended
 *   SALESPERSON_UNCERTIFIED   李强's permit expired 12 days ago (his orders since)
 *   PRODUCT_NOT_APPROVED      2 lines of 奥美拉唑肠溶胶囊, first-variety review still pending
 *   BATCH_EXPIRED             3 lines of a 双黄连口服液 batch shipped after its expiry
 *   BATCH_BLOCKED             2 lines of the recalled 布洛芬缓释胶囊 batch after the recall started
 *   PRICE_ABOVE_CAP           3 lines;  PRICE_OUT_OF_RANGE  3 lines below the floor without approval
 *   AMOUNT_MISMATCH           4 lines whose amount is not quantity × unit price
 *   STERILE_RECORD_INCOMPLETE 2 sterile device lines without 经办人/负责人
 *   SPECIAL_DOCS_MISSING      2 orders of 新康泰克 after the purchaser's power of attorney expired
 *   SPECIAL_CASH_PAYMENT      2 special-drug orders paid in cash
 *   SPECIAL_NOT_VERIFIED      3 special-drug orders without a verification record, 1 verified after shipping
 *   SPECIAL_ARRIVAL_UNCONFIRMED 2 special-drug slips without arrival verification
 *   CONTRACT_UNAPPROVED       2 orders on a pending contract, 2 on a 600 000 contract approved by the sales VP only
 *   CONTRACT_MISSING          5 ordinary orders without a contract (plus the orders to buyers without one)
 *   CONTRACT_TERMS_MISSING    1 signed contract without quality/after-sales terms, 1 draft without delivery terms
 *   OUTBOUND_NOT_REVIEWED     3 slips without reviewer, 2 reviewed by the picker
 *   DATE_INCONSISTENT         1 slip dated the day before its sale
 *   RECEIPT_UNCONFIRMED       5 old slips never confirmed (plus recent ones still within the 15 days)
 *   INVOICE_MISMATCH          3 invoices (total, a quantity, a missing product);  INVOICE_LIST_MISSING  2
 *   PAYMENT_OVERDUE           late payers' invoices past the contract term (岳阳市恒丰, 衡阳市康之源, 长沙市恒信医院)
 *   COMPLAINT_OVERDUE         2 complaints open for 25 and 40 days
 *   SERVICE_VISIT_MISSING     3 months without a visit to a designated service point
 *   RECALL_NOT_NOTIFIED       in the open recall, 1 customer never notified and 1 notified 3 days late
 *   ADR_NOT_FORWARDED         1 report never forwarded to QA, 1 forwarded after 21 days
 *   QUALITY_FEEDBACK_UNHANDLED 1 form never reported to QA
 *   SUPPLIER_AGREEMENT_EXPIRED, DELIVERY_TEMPERATURE_EXCURSION, SERVICE_PROMISE_OVERDUE, FOLLOW_UP_OVERDUE one each
 *                             (after-sales-records.ts, with the suppliers, deliveries, replies, promises, follow-ups and
 *                             a nonconforming batch found after it was sold, its customers told without a recall)
 *   SALESPERSON_ASSESSMENT_FAILED 李强 failed the last quarter's assessment
 *   CORRECTIVE_ACTION_OVERDUE 1 corrective action (from a visit opinion) past its due date
 * Also on record: expired and soon-expiring licences (30/60/90 days), a nonconforming and a quarantined
 * batch, expired authorisation letters, a failed training, a rejected customer, product and contract.
 */
import { eq } from 'drizzle-orm';
import { users } from '../../schema/tables';
import type { Credential } from '../bootstrap';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { SYSTEM_ACTOR, type Actor } from '../services/context';
import { seedAdverseReactions, seedComplaints, seedQualityFeedback, seedRecallNotices, seedRecalls, seedVisits } from './aftersales';
import { addDays, addMonths, at } from './dates';
import { linkInvoiceSlips, planShipping, seedInvoices, seedPayments, writeSlips } from './fulfilment';
import { STAFF } from './names';
import { seedCompanyLicences, seedCustomers, seedSalespeople } from './parties';
import { plantOrders } from './planted';
import { seedProducts } from './products';
import { Rng } from './random';
import { numberOrders, OrderPlanner, saleDates, seedContracts, writeOrders, writeSpecialChecks, type OrderSeed } from './sales';
import { writeSignatures, type SignTask } from './signatures';
import { seedUsers } from './users';
import { Writer } from './writer';
import { seedCompanySettings } from './company';
import { flushRules } from '../services/rules/enforce';
import { seedScans } from './scans';
import { seedAfterSalesRecords } from './after-sales-records';
import { seedStaffQuality } from './staff-quality';

/** the fixed seed: the data depends only on it and on the clock's day */
const SEED = 0x65b1_2026;
const MIN_LINES = 2100;
const ORDERS = 740;

export async function seedDemo(db: Db, clock: Clock): Promise<Credential[]> {
  const started = performance.now();
  const today = clock.today();
  const start = addDays(addMonths(today, -18), 1);
  const admin = (await db.select().from(users).where(eq(users.username, 'admin')).get()) as Record<string, unknown> | undefined;
  const actor: Actor = admin
    ? { id: admin.id as number, username: 'admin', display_name: admin.display_name as string, roles: admin.roles as string[] }
    : SYSTEM_ACTOR;
  // Rules run once per record at the end (flushRules) instead of after every write: the seed is historical.
  const w = new Writer({ db, clock, actor, lang: 'zh', deferredRules: new Map() });
  const rng = new Rng(SEED);

  // Parties, users, products.
  const usedNames = new Set<string>(Object.values(STAFF).flat());
  await seedCompanyLicences(w, rng, today);
  await seedCompanySettings(w);
  const salespeopleNames = ['马丽', '高刚', '陈勇', '周军', '王芳', '刘洋', '李强', '张伟', '赵敏', '孙涛'];
  salespeopleNames.forEach((n) => usedNames.add(n));
  const customers = await seedCustomers(w, rng, today, usedNames);
  const salespeople = await seedSalespeople(w, rng, today, usedNames);
  const { creds, actors } = await seedUsers(w, salespeople[0]);
  const products = await seedProducts(w, rng, today);
  const recalls = await seedRecalls(w, products);

  // Sales: contracts, ordinary orders, the planted ones.
  const world = { rng, today, start, customers, salespeople, products };
  const planner = new OrderPlanner(world);
  const contracts = await seedContracts(w, world, planner.primary);
  planner.setContracts(contracts);
  const clean: OrderSeed[] = [];
  const addClean = (dates: string[]) => {
    for (const d of dates) {
      const o = planner.cleanOrder(d);
      if (o) clean.push(o);
    }
  };
  addClean(saleDates(rng, start, today, ORDERS));
  const planted = plantOrders(planner, contracts, clean);
  const lineCount = () => [...clean, ...planted].reduce((n, o) => n + o.lines.length, 0);
  while (lineCount() < MIN_LINES) addClean(saleDates(rng, start, today, 20));
  for (const o of rng.sample(
    clean.filter((x) => x.contract && x.lines.length <= 2 && x.sale_date < addDays(today, -20)),
    5,
  )) {
    Object.assign(o, { contract: null, remark: '临时采购，未签订购销合同' });
    o.plants.push('CONTRACT_MISSING');
  }
  const orders = [...clean, ...planted];
  numberOrders(orders, rng);
  planShipping(rng, today, orders);
  await writeOrders(w, orders);
  await writeSpecialChecks(w, rng, orders);

  // Outbound, invoices, payments.
  await writeSlips(w, orders);
  const invoices = await seedInvoices(w, rng, today, orders);
  await seedPayments(w, rng, today, invoices);
  await linkInvoiceSlips(w, invoices);

  // After-sales.
  await seedVisits(w, rng, today, start, customers, products);
  const complaints = await seedComplaints(w, rng, today, orders, products);
  await seedQualityFeedback(w, rng, today, orders, products);
  await seedAdverseReactions(w, rng, today, orders);
  await seedRecallNotices(w, rng, today, orders, recalls);
  await seedAfterSalesRecords(w, today, orders, contracts, complaints, products);

  // The signatures of the approvals above.
  const tasks: SignTask[] = [];
  for (const c of customers) {
    if (c.approvedAt) tasks.push({ resource: 'customers', id: c.id, meaning: 'approve_first_business', signer: actors.qa, at: at(c.approvedAt, 10, 30) });
  }
  for (const p of products.products) {
    if (p.qa_status === 'approved')
      tasks.push({
        resource: 'products',
        id: p.id!,
        meaning: 'approve_first_business',
        signer: actors.qa,
        at: at(addDays(p.batches![0].production_date, -20), 15, 0),
      });
  }
  for (const k of contracts) {
    if (k.approval && k.signed_at)
      tasks.push({ resource: 'contracts', id: k.id, meaning: 'approve_contract', signer: actors[k.approval], at: at(addDays(k.signed_at, -2), 16, 10) });
  }
  for (const o of orders) {
    for (const l of o.lines)
      if (l.price_approved_by)
        tasks.push({ resource: 'sales_lines', id: l.id!, meaning: 'approve_price', signer: actors.sales_head, at: at(o.sale_date, 9, 15) });
    if (o.slip?.reviewed_by && o.slip.reviewed_by === actors.reviewer.display_name) {
      tasks.push({ resource: 'outbound_slips', id: o.slip.id!, meaning: 'review_outbound', signer: actors.reviewer, at: o.slip.reviewed_at! });
    }
  }
  for (const c of complaints) {
    if (c.status === 'closed')
      tasks.push({
        resource: 'complaints',
        id: c.id,
        meaning: 'close_complaint',
        signer: actors.after_sales,
        at: at(addDays(c.feedback_at as string, 3), 11, 0),
      });
  }
  await writeSignatures(w, tasks);
  // The scans and the documents given to buyers (their own random stream: the data above stays as it was).
  await seedScans(w, new Rng(SEED + 1), customers, products);
  const checked = await flushRules(w.base);
  // #14 staff and quality records: after the first rule pass, so an assessment counts its period's findings.
  await seedStaffQuality(w, rng, today, salespeople, products, complaints, actors);
  await flushRules(w.base);

  const lines = orders.reduce((n, o) => n + o.lines.length, 0);
  console.log(
    `演示数据 / demo data: ${customers.length} 家购货单位, ${orders.length} 张销售单, ${lines} 条销售明细, ${checked} 条记录已按规则检查 (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return creds;
}
