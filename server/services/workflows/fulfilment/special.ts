/**
 * Special-control drugs (第二篇 3.9, 3.11): where an order stands — the buyer's documents on the sale date,
 * the verification record, the arrival verification of each slip, cash — and the checks the steps make.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { dateOf, isSpecial } from '../../../../schema/rules';
import { missingSpecialDocs, orderHasSpecial } from '../../../../schema/rules/special';
import { msg } from '../../../../schema/messages';
import { registry } from '../../../../schema/resources';
import * as t from '../../../../schema/tables';
import { badRequest } from '../../../errors';
import type { Db } from '../../../db';
import type { ServiceContext } from '../../context';
import { createSqlContext, settled } from '../../rules/sql-context';
import { createRecord } from '../../write';
import type { Row } from '../../records';
import type { SpecialState } from '../../../../schema/workflows/fulfilment-views';

type R = Record<string, any>;
const CHECK_KEYS = ['contract_obtained', 'identity_verified', 'authenticity_verified'] as const;
const CHECK_LABELS: Record<(typeof CHECK_KEYS)[number], { zh: string; en: string }> = {
  contract_obtained: { zh: '已索取购销合同', en: 'contract obtained' },
  identity_verified: { zh: '已核实采购人员身份', en: 'purchaser identity verified' },
  authenticity_verified: { zh: '已核实购买真实性', en: 'purchase authenticity verified' },
};

export async function specialCheckOf(db: Db, orderId: number): Promise<R | undefined> {
  return (await db
    .select()
    .from(t.specialChecks)
    .where(and(eq(t.specialChecks.order, orderId), isNull(t.specialChecks.voided_at)))
    .orderBy(desc(t.specialChecks.id))
    .get()) as R | undefined;
}

/** A check counts when made on or before `date` with no item recorded as not done (legacy rows keep only the date). */
export function checkCovers(check: R | undefined, date: string): boolean {
  const at = dateOf(check?.verified_at);
  return !!check && !!at && at <= date && CHECK_KEYS.every((k) => check[k] !== false);
}

export async function isSpecialOrder(db: Db, orderId: number, asOf: string): Promise<boolean> {
  const rc = await createSqlContext(db, asOf);
  return settled(rc, () => orderHasSpecial(orderId, rc));
}

/** Refuses a slip or an invoice of a special-drug order dated `date` without a verification made by then. */
export async function requireSpecialVerified(ctx: ServiceContext, order: R, date: string, step: 'outbound' | 'invoice'): Promise<void> {
  if (!(await isSpecialOrder(ctx.db, order.id, ctx.clock.today()))) return;
  if (checkCovers(await specialCheckOf(ctx.db, order.id), date)) return;
  const when = step === 'outbound' ? (ctx.lang === 'en' ? 'the outbound' : '出库') : ctx.lang === 'en' ? 'invoicing' : '开票';
  throw badRequest(msg(ctx.lang, 'wf_special_not_verified', { order: order.order_no, when }));
}

/** The verb verify-special: the salesperson records (and signs) the three checks of 3.9. */
export async function verifySpecial(ctx: ServiceContext, order: Row, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!(await isSpecialOrder(ctx.db, order.id, ctx.clock.today()))) throw badRequest(msg(ctx.lang, 'wf_not_special'));
  if (await specialCheckOf(ctx.db, order.id)) throw badRequest(msg(ctx.lang, 'wf_special_exists'));
  const undone = CHECK_KEYS.filter((k) => input[k] !== 'yes' && input[k] !== true);
  if (undone.length) {
    throw badRequest(msg(ctx.lang, 'wf_special_incomplete', { items: undone.map((k) => CHECK_LABELS[k][ctx.lang === 'en' ? 'en' : 'zh']).join('、') }));
  }
  await createRecord(
    ctx,
    registry.get('special_checks')!,
    {
      order: order.id,
      contract_obtained: true,
      identity_verified: true,
      authenticity_verified: true,
      verified_by: ctx.actor.display_name,
      verified_at: ctx.clock.now().toISOString(),
    },
    { reason: 'verify_special', verb: true },
  );
  return {}; // the order itself does not change; the signature is on it
}

/** The 特药核实 panel: each step of 3.9 / 3.11 for one order. */
export async function specialState(db: Db, order: R, asOf: string): Promise<SpecialState> {
  const rc = await createSqlContext(db, asOf);
  const saleDate = dateOf(order.sale_date) ?? asOf;
  const { products, docsMissing, contract } = await settled(rc, () => ({
    products: [
      ...new Set(
        rc
          .orderLines(order.id)
          .map((l) => l.product)
          .filter((p): p is number => p != null),
      ),
    ]
      .map((id) => rc.product(id))
      .filter(isSpecial),
    docsMissing: order.customer != null ? missingSpecialDocs(rc.customerAgents(order.customer), saleDate) : [],
    contract: order.contract != null ? rc.contract(order.contract) : undefined,
  }));
  if (!products.length) return { special: false as const };
  const check = (await specialCheckOf(db, order.id)) ?? null;
  const slips = (await db
    .select()
    .from(t.outboundSlips)
    .where(and(eq(t.outboundSlips.order, order.id), isNull(t.outboundSlips.voided_at)))
    .all()) as R[];
  const slipIds = slips.map((s) => s.id);
  const links = slipIds.length
    ? ((await db
        .select()
        .from(t.invoiceSlips)
        .where(and(inArray(t.invoiceSlips.slip, slipIds), isNull(t.invoiceSlips.voided_at)))
        .all()) as R[])
    : [];
  const invoiceIds = [...new Set(links.map((l) => l.invoice))];
  const invoices = invoiceIds.length
    ? ((await db
        .select()
        .from(t.invoices)
        .where(and(inArray(t.invoices.id, invoiceIds), isNull(t.invoices.voided_at)))
        .all()) as R[])
    : [];
  const payments = invoiceIds.length
    ? ((await db
        .select()
        .from(t.payments)
        .where(and(inArray(t.payments.invoice, invoiceIds), isNull(t.payments.voided_at)))
        .all()) as R[])
    : [];
  const firstDoc =
    [...slips.map((s) => dateOf(s.outbound_date)), ...invoices.map((i) => dateOf(i.invoice_date))].filter((d): d is string => !!d).sort()[0] ?? null;
  return {
    special: true as const,
    products: products.map((p) => ({ id: p!.id, name: [p!.generic_name, p!.spec].filter(Boolean).join(' '), special_control: p!.special_control })),
    docs: { sale_date: saleDate, complete: docsMissing.length === 0, missing: docsMissing },
    check: check && {
      ...check,
      verified_by: check.verified_by ?? null,
      verified_at: check.verified_at,
      complete: CHECK_KEYS.every((k) => check[k] !== false),
      in_time: firstDoc ? checkCovers(check, firstDoc) : true,
    },
    first_document: firstDoc,
    arrival: slips.map((s) => ({
      slip: s.id,
      slip_no: s.slip_no,
      outbound_date: s.outbound_date,
      reviewed_by: s.reviewed_by,
      arrival_verified_at: s.arrival_verified_at,
      arrival_verified_by: s.arrival_verified_by,
    })),
    cash: {
      order: order.payment_method === 'cash',
      contract: contract?.payment_method === 'cash',
      payments: payments.filter((p) => p.method === 'cash').map((p) => ({ id: p.id, voucher_no: p.voucher_no, amount: p.amount })),
    },
  };
}

/** The verb verify-arrival: only for slips of special-drug orders. */
export async function verifyArrival(ctx: ServiceContext, slip: Row, date: string): Promise<Record<string, unknown>> {
  if (!(await isSpecialOrder(ctx.db, slip.order as number, ctx.clock.today()))) throw badRequest(msg(ctx.lang, 'wf_not_special'));
  return { arrival_verified_at: date, arrival_verified_by: ctx.actor.display_name };
}
