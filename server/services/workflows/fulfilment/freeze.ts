/**
 * Frozen after fulfilment (票账货相符 第二篇 3.10, 第五篇 4–6): once goods leave on a slip, the generic
 * routes can no longer change what the slip, the invoice and the payments rest on —
 * - the order and its lines, while the order has a live outbound slip;
 * - a slip (issued only by issue-outbound, voided only by void-slip), and any field of a reviewed one;
 * - an invoice (issued only from reviewed slips, voided only by void-invoice), its lines and slip links;
 * - a payment's void (void-payment); a payment must be the invoice's customer's and not above what is open.
 * Corrections go backwards through the signed steps of unwind.ts. Historical imports record facts of the
 * old system and are not limited; the steps themselves write with `verb`.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { msg } from '../../../../schema/messages';
import { MADE_BY_STEP } from '../../../../schema/workflows/fulfilment';
import { registry } from '../../../../schema/resources';
import * as t from '../../../../schema/tables';
import { checkScope } from '../../../auth/rbac';
import { badRequest, validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { WriteHooks } from '../../hooks';
import { findRow, type Row } from '../../records';
import { documentsOf, liveInvoicesOfSlips, liveSlips, nameDocuments } from './documents';

type Values = Record<string, unknown>;
const cents = (n: number) => Math.round(n * 100);
const changedKeys = (values: Values, current: Row, ignore: readonly string[] = []) =>
  Object.keys(values).filter((k) => !ignore.includes(k) && JSON.stringify(values[k] ?? null) !== JSON.stringify(current[k] ?? null));
const en = (ctx: ServiceContext) => ctx.lang === 'en';

function frozen(ctx: ServiceContext, what: string, state: { zh: string; en: string }) {
  return badRequest(msg(ctx.lang, 'wf_frozen', { what, state: en(ctx) ? state.en : state.zh }));
}
const WHAT: Record<string, { zh: string; en: string }> = {
  outbound_slips: { zh: '出库单', en: 'An outbound slip' },
  invoices: { zh: '销售发票', en: 'A sales invoice' },
  invoice_lines: { zh: '发票明细', en: 'An invoice line' },
  invoice_slips: { zh: '发票对应出库单', en: "An invoice's slip link" },
  payments: { zh: '回款', en: 'A payment' },
  special_checks: { zh: '特药销售核实记录', en: 'A special-drug verification record' },
};
/** Someone else's record is refused as such (403) before its state is told. */
const inScopeFirst = (ctx: ServiceContext, resource: string, row: Row, action: 'create' | 'edit') =>
  checkScope(ctx.db, ctx.actor, registry.get(resource)!, row, ctx.lang, action);

/** Refuses a generic write that MADE_BY_STEP reserves to a step. */
function requireStep(ctx: ServiceContext, resource: string, action: 'create' | 'edit' | 'delete') {
  const step = MADE_BY_STEP[resource]?.[action];
  if (step) throw badRequest(msg(ctx.lang, 'wf_by_step_only', { what: en(ctx) ? WHAT[resource].en : WHAT[resource].zh, step: en(ctx) ? step.en : step.zh }));
}
const SHIPPED = { zh: '开具出库单', en: 'on an outbound slip' };

/** An order (and its lines) with a live slip: the slip numbers, or null when nothing has shipped. */
async function shippedOn(ctx: ServiceContext, orderId: unknown): Promise<string | null> {
  if (orderId == null) return null;
  const slips = await liveSlips(ctx.db, [orderId as number]);
  return slips.length ? slips.map((s) => s.slip_no).join('、') : null;
}
const orderNo = async (ctx: ServiceContext, id: unknown) => String((await findRow(ctx.db, registry.get('sales_orders')!, id as number))?.order_no ?? `#${id}`);

/** The payment's invoice: live, the same customer, and this payment not above what is still open. */
async function checkPayment(ctx: ServiceContext, values: Values, current: Row | undefined) {
  const invoiceId = (values.invoice !== undefined ? values.invoice : current?.invoice) as number | null | undefined;
  if (invoiceId == null) return;
  const inv = (await ctx.db.select().from(t.invoices).where(eq(t.invoices.id, invoiceId)).get()) as Row | undefined;
  if (!inv) return; // the reference check reports it
  const fail = (field: string, m: string) => {
    throw validationError(m, { [field]: m });
  };
  if (inv.voided_at) fail('invoice', msg(ctx.lang, 'wf_payment_invoice_voided', { invoice: String(inv.invoice_no) }));
  const customer = values.customer !== undefined ? values.customer : current?.customer;
  if (customer !== inv.customer) {
    const name = async (id: unknown) => String((await findRow(ctx.db, registry.get('customers')!, id as number))?.name ?? `#${id}`);
    fail(
      'customer',
      msg(ctx.lang, 'wf_payment_customer', { payer: await name(customer), invoice: String(inv.invoice_no), customer: await name(inv.customer) }),
    );
  }
  const amount = Number(values.amount !== undefined ? values.amount : current?.amount);
  const others = await ctx.db
    .select({ amount: t.payments.amount })
    .from(t.payments)
    .where(and(eq(t.payments.invoice, invoiceId), isNull(t.payments.voided_at), ...(current ? [ne(t.payments.id, current.id)] : [])))
    .all();
  const open = cents(Number(inv.amount ?? 0)) - others.reduce((a, p) => a + cents(p.amount ?? 0), 0);
  if (cents(amount) > open)
    fail('amount', msg(ctx.lang, 'wf_payment_exceeds', { amount: amount.toFixed(2), invoice: String(inv.invoice_no), open: (open / 100).toFixed(2) }));
}

/** An invoice's lines and slip links: written and voided only with their invoice (its steps). */
const invoicePart = (name: string): WriteHooks => ({
  beforeWrite(ctx, _values, current, opts) {
    if (!opts.historical && !opts.verb) requireStep(ctx, name, current ? 'edit' : 'create');
  },
  beforeVoid(ctx, _current, opts) {
    if (!opts.verb && !opts.parentVoided) requireStep(ctx, name, 'delete');
  },
});

export const FREEZE_HOOKS: Record<string, WriteHooks> = {
  sales_orders: {
    async beforeWrite(ctx, values, current, opts) {
      if (opts.historical || opts.verb || !current) return;
      await inScopeFirst(ctx, 'sales_orders', { ...current, ...values } as Row, 'edit');
      const slips = await shippedOn(ctx, current.id);
      if (slips && changedKeys(values, current, ['remark']).length)
        throw frozen(ctx, `${en(ctx) ? 'Order' : '订单'} ${current.order_no}`, { zh: `${SHIPPED.zh} ${slips}`, en: `${SHIPPED.en} (${slips})` });
    },
    async beforeVoid(ctx, current) {
      const docs = await documentsOf(ctx.db, [current.id]);
      if (docs.slips.length) {
        throw badRequest(msg(ctx.lang, 'wf_void_blocked', { what: `${en(ctx) ? 'Order' : '订单'} ${current.order_no}`, docs: nameDocuments(ctx, docs) }));
      }
    },
  },
  sales_lines: {
    async beforeWrite(ctx, values, current, opts) {
      if (opts.historical || opts.verb) return;
      await inScopeFirst(ctx, 'sales_lines', { ...current, ...values } as Row, current ? 'edit' : 'create');
      const orders = new Set([values.order, current?.order].filter((o): o is number => o != null));
      for (const order of orders) {
        const slips = await shippedOn(ctx, order);
        if (!slips || (current && !changedKeys(values, current, ['sale_date', 'customer']).length)) continue;
        throw frozen(ctx, `${en(ctx) ? 'The lines of order' : '订单'} ${await orderNo(ctx, order)}${en(ctx) ? '' : ' 的销售明细'}`, {
          zh: `${SHIPPED.zh} ${slips}`,
          en: `${SHIPPED.en} (${slips})`,
        });
      }
    },
    async beforeVoid(ctx, current, opts) {
      if (opts.parentVoided) return; // the order's own void decided
      const slips = await shippedOn(ctx, current.order);
      if (slips)
        throw frozen(ctx, `${en(ctx) ? 'The lines of order' : '订单'} ${await orderNo(ctx, current.order)}${en(ctx) ? '' : ' 的销售明细'}`, {
          zh: `${SHIPPED.zh} ${slips}`,
          en: `${SHIPPED.en} (${slips})`,
        });
    },
  },
  outbound_slips: {
    async beforeWrite(ctx, values, current, opts) {
      if (opts.historical || opts.verb) return;
      if (!current) return requireStep(ctx, 'outbound_slips', 'create');
      if (!changedKeys(values, current).length) return;
      const invoiced = await liveInvoicesOfSlips(ctx.db, [current.id]);
      if (current.reviewed_by || invoiced.length) {
        const state = invoiced.length
          ? { zh: `开具发票 ${invoiced.map((i) => i.invoice_no).join('、')}`, en: `invoiced (${invoiced.map((i) => i.invoice_no).join(', ')})` }
          : { zh: '复核出库', en: 'reviewed' };
        throw frozen(ctx, `${en(ctx) ? 'Outbound slip' : '出库单'} ${current.slip_no}`, state);
      }
      if ('order' in values && values.order !== current.order) requireStep(ctx, 'outbound_slips', 'create');
    },
    async beforeVoid(ctx, current, opts) {
      if (!opts.verb) requireStep(ctx, 'outbound_slips', 'delete');
      const invoices = await liveInvoicesOfSlips(ctx.db, [current.id]);
      if (invoices.length)
        throw badRequest(
          msg(ctx.lang, 'wf_void_blocked', { what: `${en(ctx) ? 'Outbound slip' : '出库单'} ${current.slip_no}`, docs: nameDocuments(ctx, { invoices }) }),
        );
    },
  },
  invoices: {
    beforeWrite(ctx, values, current, opts) {
      if (opts.historical || opts.verb) return;
      if (!current) throw badRequest(msg(ctx.lang, 'wf_invoice_from_chain')); // MADE_BY_STEP.invoices.create, with the endpoint
      // Attaching the goods list later (3.8) is the one amendment an issued invoice takes.
      if (changedKeys(values, current, ['list_attached']).length)
        throw frozen(ctx, `${en(ctx) ? 'Invoice' : '发票'} ${current.invoice_no}`, { zh: '开具', en: 'issued' });
    },
    async beforeVoid(ctx, current, opts) {
      if (!opts.verb) requireStep(ctx, 'invoices', 'delete');
      const payments = (await ctx.db
        .select()
        .from(t.payments)
        .where(and(eq(t.payments.invoice, current.id), isNull(t.payments.voided_at)))
        .all()) as Row[];
      if (payments.length)
        throw badRequest(
          msg(ctx.lang, 'wf_void_blocked', { what: `${en(ctx) ? 'Invoice' : '发票'} ${current.invoice_no}`, docs: nameDocuments(ctx, { payments }) }),
        );
    },
  },
  invoice_lines: invoicePart('invoice_lines'),
  invoice_slips: invoicePart('invoice_slips'),
  payments: {
    async beforeWrite(ctx, values, current, opts) {
      if (opts.historical || opts.verb) return;
      await checkPayment(ctx, values, current);
    },
    beforeVoid(ctx, _current, opts) {
      if (!opts.verb) requireStep(ctx, 'payments', 'delete');
    },
  },
  special_checks: {
    // 第二篇 3.9: the 开票人员 records (and signs) the verification; it is not typed in.
    beforeWrite(ctx, _values, current, opts) {
      if (!opts.historical && !opts.verb && !current) requireStep(ctx, 'special_checks', 'create');
    },
  },
};
