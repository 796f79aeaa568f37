/**
 * Correcting a fulfilled order goes backwards, one signed step with a reason each (schema/workflows/
 * fulfilment.ts): void the payment (finance) → void or credit the invoice (finance, 作废/红字) → void the
 * slip (warehouse; the order returns to confirmed) → void the order (sales). Each step refuses while the
 * next document downstream is live, naming it, and re-checks 票账货相符 on the orders it touched before
 * it commits (documents.ts), so the chain agrees at every point. The verb runner writes the signature.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { msg } from '../../../../schema/messages';
import { registry } from '../../../../schema/resources';
import * as t from '../../../../schema/tables';
import { validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import { findRow, type Row } from '../../records';
import { applyChanges, voidRecord } from '../../write';
import { assertConsistent, liveSlips, ordersOfInvoice } from './documents';

type Input = Record<string, unknown>;
const reasonOf = (input: Input) => String(input.comment ?? '').trim();
const res = (name: string) => registry.get(name)!;

export const INVOICE_VOID_MODES = { void: ['作废', 'Void'], red_letter: ['红字冲销', 'Red-letter credit'] } as const;

export async function voidPayment(ctx: ServiceContext, payment: Row, input: Input): Promise<Record<string, unknown>> {
  await voidRecord(ctx, res('payments'), payment.id, reasonOf(input), { verb: true });
  if (payment.invoice != null) await assertConsistent(ctx, await ordersOfInvoice(ctx.db, payment.invoice as number));
  return {};
}

/** 作废 (same month) or 红字 (a credit note): either way the invoice, its lines and its slip links are voided. */
export async function voidInvoice(ctx: ServiceContext, invoice: Row, input: Input): Promise<Record<string, unknown>> {
  const mode = input.mode as keyof typeof INVOICE_VOID_MODES;
  if (!(mode in INVOICE_VOID_MODES)) throw validationError(msg(ctx.lang, 'wf_unwind_mode'), { mode: msg(ctx.lang, 'wf_unwind_mode') });
  const reason = `${INVOICE_VOID_MODES[mode][ctx.lang === 'en' ? 1 : 0]}：${reasonOf(input)}`;
  const orders = await ordersOfInvoice(ctx.db, invoice.id);
  await voidRecord(ctx, res('invoices'), invoice.id, reason, { verb: true }); // refuses while payments are live
  for (const [name, table] of [
    ['invoice_lines', t.invoiceLines],
    ['invoice_slips', t.invoiceSlips],
  ] as const) {
    for (const row of await ctx.db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.invoice, invoice.id), isNull(table.voided_at)))
      .all()) {
      await voidRecord(ctx, res(name), row.id, reason, { verb: true });
    }
  }
  await assertConsistent(ctx, orders);
  return {};
}

/** The slip voided (goods not shipped, or back in stock): the order returns to confirmed. */
export async function voidSlip(ctx: ServiceContext, slip: Row, input: Input): Promise<Record<string, unknown>> {
  await voidRecord(ctx, res('outbound_slips'), slip.id, reasonOf(input), { verb: true }); // refuses while invoiced
  const order = await findRow(ctx.db, res('sales_orders'), slip.order as number);
  if (order && !order.voided_at && !(await liveSlips(ctx.db, [order.id])).length && (order.status === 'shipped' || order.status === 'completed')) {
    await applyChanges(ctx, res('sales_orders'), order, { status: 'confirmed' }, { reason: reasonOf(input) });
  }
  await assertConsistent(ctx, [slip.order as number]);
  return {};
}

export async function voidOrder(ctx: ServiceContext, order: Row, input: Input): Promise<Record<string, unknown>> {
  await voidRecord(ctx, res('sales_orders'), order.id, reasonOf(input), { verb: true }); // refuses while slips are live
  await assertConsistent(ctx, [order.id]);
  return {};
}
