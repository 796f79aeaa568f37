/** The steps of one recall notice: notified (method and date), acknowledged by the customer, goods returned. */
import { msg } from '../../../../schema/messages';
import { registry } from '../../../../schema/resources';
import { and, eq } from 'drizzle-orm';
import { salesOrders } from '../../../../schema/tables';
import { badRequest, forbidden, validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import { findRow, type Row } from '../../records';

type Input = Record<string, unknown>;
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** A date the user may give (not in the future, not before the recall started); today when left empty. */
function dateInput(ctx: ServiceContext, input: Input, key: string, notBefore?: string | null): string {
  const v = input[key];
  if (v == null || v === '') return ctx.clock.today();
  if (!isDate(v)) throw validationError(msg(ctx.lang, 'invalid_input'), { [key]: msg(ctx.lang, 'not_date') });
  if (v > ctx.clock.today() || (notBefore && v < notBefore)) {
    throw validationError(msg(ctx.lang, 'invalid_input'), { [key]: msg(ctx.lang, 'verb_state', { detail: `${notBefore ?? ''} ~ ${ctx.clock.today()}` }) });
  }
  return v;
}

/**
 * A salesperson (without a recall role besides) records notices only to their own customers: those they
 * sold to (any order of theirs, voided ones included — the goods may have left before the void).
 */
async function requireOwnCustomer(ctx: ServiceContext, notice: Row): Promise<void> {
  const roles = ctx.actor.roles;
  if (!roles.includes('sales') || roles.some((r) => r === 'admin' || r === 'qa' || r === 'warehouse' || r === 'after_sales')) return;
  const own =
    ctx.actor.salesperson != null &&
    !!(await ctx.db
      .select({ id: salesOrders.id })
      .from(salesOrders)
      .where(and(eq(salesOrders.customer, notice.customer as number), eq(salesOrders.salesperson, ctx.actor.salesperson)))
      .limit(1)
      .get());
  if (!own) {
    const name = (await findRow(ctx.db, registry.get('customers')!, notice.customer as number))?.name ?? `#${notice.customer}`;
    throw forbidden(msg(ctx.lang, 'wf_recall_not_own_customer', { customer: String(name) }));
  }
}

/** The notice's recall, which must still be open. */
async function openRecall(ctx: ServiceContext, notice: Row): Promise<Row> {
  await requireOwnCustomer(ctx, notice);
  const recall = (await findRow(ctx.db, registry.get('recalls')!, notice.recall as number))!;
  if (recall.status !== 'open') throw badRequest(msg(ctx.lang, 'recall_not_open', { recall_no: String(recall.recall_no) }));
  return recall;
}

export async function notify(ctx: ServiceContext, notice: Row, input: Input) {
  const recall = await openRecall(ctx, notice);
  const method = input.method;
  const methods = registry.get('recall_notices')!.fields.method.enum!.values as readonly string[];
  if (typeof method !== 'string' || !methods.includes(method)) {
    throw validationError(msg(ctx.lang, 'invalid_input'), { method: msg(ctx.lang, 'required') });
  }
  return { notified_at: dateInput(ctx, input, 'notified_at', recall.started_at as string), method };
}

export async function acknowledge(ctx: ServiceContext, notice: Row, input: Input) {
  await openRecall(ctx, notice);
  if (!notice.notified_at) throw badRequest(msg(ctx.lang, 'recall_notice_not_notified'));
  return { acknowledged_at: dateInput(ctx, input, 'acknowledged_at', notice.notified_at as string) };
}

/** The total returned so far (not an increment): the warehouse counts what came back. */
export async function recordReturn(ctx: ServiceContext, notice: Row, input: Input) {
  await openRecall(ctx, notice);
  const q = Number(input.quantity_returned);
  if (input.quantity_returned == null || input.quantity_returned === '' || !Number.isFinite(q)) {
    throw validationError(msg(ctx.lang, 'invalid_input'), { quantity_returned: msg(ctx.lang, 'not_number') });
  }
  if (q < 0) throw validationError(msg(ctx.lang, 'invalid_input'), { quantity_returned: msg(ctx.lang, 'negative') });
  // Above the quantity sold is refused by the notice's write hook, for verbs and plain edits alike.
  return { quantity_returned: q };
}
