/**
 * The outbound steps (第五篇 5): the slip issued from a confirmed order, and the receipt the salesperson
 * confirms (which completes the order).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { msg } from '../../../../schema/messages';
import { registry } from '../../../../schema/resources';
import * as t from '../../../../schema/tables';
import { badRequest } from '../../../errors';
import type { Db } from '../../../db';
import { sqlOf } from '../../../db/dialect';
import type { ServiceContext } from '../../context';
import { findRow, type Row } from '../../records';
import { applyChanges, createRecord } from '../../write';
import { stepDate } from './inputs';
import { requireNoBlocks, STEPS } from './blocks';
import { requireSpecialVerified } from './special';

/** CK + date + a 4-digit number, one more than the day's highest (voided slips keep their numbers). */
export async function nextSlipNo(db: Db, date: string): Promise<string> {
  const prefix = `CK${date.replace(/-/g, '')}`;
  const taken = await db
    .select({ no: t.outboundSlips.slip_no })
    .from(t.outboundSlips)
    .where(sqlOf(db).likeCi(t.outboundSlips.slip_no, `${prefix}%`)) // as SQLite's LIKE: any letter case
    .all();
  const max = taken
    .map((r) => Number(String(r.no).slice(prefix.length)))
    .filter((n) => Number.isInteger(n))
    .reduce((a, b) => Math.max(a, b), 0);
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
}

export async function issueOutbound(ctx: ServiceContext, order: Row, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const date = stepDate(ctx, input, 'outbound_date', { zh: '出库', en: 'Outbound' });
  const existing = await ctx.db
    .select()
    .from(t.outboundSlips)
    .where(and(eq(t.outboundSlips.order, order.id), isNull(t.outboundSlips.voided_at)))
    .get();
  if (existing) throw badRequest(msg(ctx.lang, 'wf_slip_exists', { slip: String(existing.slip_no) }));
  await requireSpecialVerified(ctx, order, date, 'outbound');
  await requireNoBlocks(ctx, order.id, date, STEPS.outbound);
  await createRecord(
    ctx,
    registry.get('outbound_slips')!,
    {
      slip_no: await nextSlipNo(ctx.db, date),
      order: order.id,
      outbound_date: date,
      issued_by: ctx.actor.display_name,
    },
    { reason: 'issue_outbound', verb: true },
  ); // the slip is this step's own record (issued_by is step-owned)
  return { status: 'shipped' };
}

export async function confirmReceipt(ctx: ServiceContext, slip: Row, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const date = stepDate(ctx, input, 'receipt_confirmed_at', { zh: '收货确认', en: 'Receipt' });
  const order = await findRow(ctx.db, registry.get('sales_orders')!, slip.order as number);
  if (order && order.status === 'shipped')
    await applyChanges(ctx, registry.get('sales_orders')!, order, { status: 'completed' }, { reason: 'confirm_receipt' });
  return { receipt_confirmed_at: date };
}
