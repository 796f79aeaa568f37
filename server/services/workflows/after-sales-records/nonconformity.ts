/**
 * Nonconforming goods already sold (第四篇 一.6「已销售的应及时通知收回」): marking a batch 不合格 opens a case
 * listing who received it (the recall's own reading of shipped sales, recall/affected.ts), so QA does not have
 * to remember; QA then opens a recall of the right level (the recall flow takes over: notices, blocked batches)
 * or notifies the customers without one, and closes the case once everyone was told and confirmed.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { NOTICE_METHOD, RECALL_INITIATOR, RECALL_LEVEL } from '../../../../schema/enums';
import { msg } from '../../../../schema/messages';
import { registry } from '../../../../schema/resources';
import { batches, customers, nonconformities, nonconformityNotices } from '../../../../schema/tables';
import { badRequest, validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import { findRow, type Row } from '../../records';
import { createRecord, updateRecord } from '../../write';
import { dateInput } from '../aftersales/steps';
import { soldByCustomer, type RecallScope } from '../recall/affected';
import { startRecall } from '../recall/start';

type Input = Record<string, unknown>;
const en = (ctx: ServiceContext) => ctx.lang === 'en';

/** The batch of a case as a recall scope: its product and its one batch number. */
export async function batchScope(ctx: ServiceContext, batchId: unknown): Promise<RecallScope | null> {
  const b = typeof batchId === 'number' ? await findRow(ctx.db, registry.get('batches')!, batchId) : undefined;
  return b ? { product: b.product as number, batches: [String(b.batch_no)] } : null;
}

/** Who received the case's batch (shipped), largest quantity first. */
export async function soldOfCase(ctx: ServiceContext, batchId: unknown, customerId?: number) {
  const scope = await batchScope(ctx, batchId);
  return scope ? soldByCustomer(ctx.db, scope, customerId) : [];
}

const openCaseOf = async (ctx: ServiceContext, batchId: number) =>
  await ctx.db
    .select({ id: nonconformities.id })
    .from(nonconformities)
    .where(and(eq(nonconformities.batch, batchId), eq(nonconformities.status, 'open'), isNull(nonconformities.voided_at)))
    .get();

/** A batch just marked 不合格 by a live edit: the case opens itself, unless one is open already. */
export async function openCaseForBatch(ctx: ServiceContext, batch: Row): Promise<void> {
  if (await openCaseOf(ctx, batch.id)) return;
  await createRecord(
    ctx,
    registry.get('nonconformities')!,
    {
      batch: batch.id,
      found_at: ctx.clock.today(),
      reason: en(ctx) ? 'Quality status set to nonconforming (opened automatically)' : '批次质量状态判定为不合格（系统自动建立，请补充不合格原因）',
    },
    { reason: en(ctx) ? 'batch marked nonconforming' : '批次判定不合格' },
  );
}

/** A case entered by hand marks its batch 不合格 as well (QA may set the status; the batch hook then finds this case). */
export async function markBatchNonconforming(ctx: ServiceContext, kase: Row): Promise<void> {
  const b = await ctx.db
    .select({ status: batches.status })
    .from(batches)
    .where(eq(batches.id, kase.batch as number))
    .get();
  if (b && b.status !== 'nonconforming') {
    await updateRecord(ctx, registry.get('batches')!, kase.batch as number, { status: 'nonconforming' }, { reason: `${kase.case_no} ${kase.reason}` });
  }
}

export async function openRecall(ctx: ServiceContext, kase: Row, input: Input) {
  const scope = (await batchScope(ctx, kase.batch))!;
  const levels: readonly string[] = RECALL_LEVEL.values;
  const initiators: readonly string[] = RECALL_INITIATOR.values;
  const errors: Record<string, string> = {};
  if (!levels.includes(String(input.level))) errors.level = msg(ctx.lang, 'required');
  if (!initiators.includes(String(input.initiated_by))) errors.initiated_by = msg(ctx.lang, 'required');
  if (Object.keys(errors).length) throw validationError(msg(ctx.lang, 'invalid_input'), errors);
  // the recall starts at once (recall/start.ts): a notice per customer who received the batch, the batch blocked
  const recall = await createRecord(
    ctx,
    registry.get('recalls')!,
    {
      product: scope.product,
      batches: scope.batches,
      level: input.level,
      initiated_by: input.initiated_by,
      reason: kase.reason,
      started_at: ctx.clock.today(),
    },
    { reason: String(kase.case_no) },
  );
  return { decision: 'recall', recall: recall.id, decided_at: ctx.clock.today() };
}

export async function notifyCustomers(ctx: ServiceContext, kase: Row, input: Input) {
  const res = registry.get('nonconformity_notices')!;
  for (const s of await soldOfCase(ctx, kase.batch)) {
    await createRecord(ctx, res, { nonconformity: kase.id, customer: s.customer }, { reason: String(kase.case_no) });
  }
  return { decision: 'notice', decided_at: ctx.clock.today(), decision_note: String(input.comment ?? '').trim() };
}

/** The case's counts, and its notices (or its recall's), brought up to date with the sales recorded since. */
export async function refreshCase(ctx: ServiceContext, kase: Row) {
  const sold = await soldOfCase(ctx, kase.batch);
  if (kase.decision === 'recall') {
    const recall = await findRow(ctx.db, registry.get('recalls')!, kase.recall as number);
    if (recall && !recall.voided_at && recall.status === 'open') await startRecall(ctx, recall);
  }
  if (kase.decision === 'notice') {
    const have = new Set(
      (
        await ctx.db
          .select({ customer: nonconformityNotices.customer })
          .from(nonconformityNotices)
          .where(and(eq(nonconformityNotices.nonconformity, kase.id), isNull(nonconformityNotices.voided_at)))
          .all()
      ).map((n) => n.customer),
    );
    const res = registry.get('nonconformity_notices')!;
    for (const s of sold)
      if (!have.has(s.customer)) await createRecord(ctx, res, { nonconformity: kase.id, customer: s.customer }, { reason: String(kase.case_no) });
  }
  return { customers_count: sold.length, quantity_sold: sold.reduce((t, r) => t + r.quantity, 0) };
}

export async function closeCase(ctx: ServiceContext, kase: Row) {
  if (kase.decision === 'pending' && Number(kase.customers_count ?? 0) > 0) throw badRequest(msg(ctx.lang, 'nonconformity_undecided'));
  if (kase.decision === 'recall') {
    const recall = await findRow(ctx.db, registry.get('recalls')!, kase.recall as number);
    if (recall && recall.status !== 'closed' && !recall.voided_at)
      throw badRequest(msg(ctx.lang, 'nonconformity_recall_open', { recall_no: String(recall.recall_no) }));
  }
  if (kase.decision === 'notice') {
    const pending = (
      await ctx.db
        .select({
          name: customers.name,
          notified_at: nonconformityNotices.notified_at,
          acknowledged_at: nonconformityNotices.acknowledged_at,
          sold: nonconformityNotices.quantity_sold,
        })
        .from(nonconformityNotices)
        .innerJoin(customers, eq(customers.id, nonconformityNotices.customer))
        .where(and(eq(nonconformityNotices.nonconformity, kase.id), isNull(nonconformityNotices.voided_at)))
        .all()
    ).filter((n) => (n.sold ?? 0) > 0 && (!n.notified_at || !n.acknowledged_at));
    if (pending.length) {
      const list = pending
        .map((n) => `${n.name}（${n.notified_at ? (en(ctx) ? 'not acknowledged' : '未确认') : en(ctx) ? 'not notified' : '未通知'}）`)
        .join(en(ctx) ? ', ' : '、');
      throw badRequest(msg(ctx.lang, 'nonconformity_close_pending', { customers: list }));
    }
  }
  return { status: 'closed' };
}

/** A notice's case, which must still be open. */
async function openCase(ctx: ServiceContext, notice: Row): Promise<Row> {
  const kase = (await findRow(ctx.db, registry.get('nonconformities')!, notice.nonconformity as number))!;
  if (kase.status !== 'open') throw badRequest(msg(ctx.lang, 'nonconformity_closed', { case_no: String(kase.case_no) }));
  return kase;
}

export const noticeSteps = {
  async notify(ctx: ServiceContext, notice: Row, input: Input) {
    const kase = await openCase(ctx, notice);
    const methods: readonly string[] = NOTICE_METHOD.values;
    if (typeof input.method !== 'string' || !methods.includes(input.method))
      throw validationError(msg(ctx.lang, 'invalid_input'), { method: msg(ctx.lang, 'required') });
    return { notified_at: dateInput(ctx, input, 'notified_at', kase.found_at), method: input.method };
  },
  async acknowledge(ctx: ServiceContext, notice: Row, input: Input) {
    await openCase(ctx, notice);
    if (!notice.notified_at) throw badRequest(msg(ctx.lang, 'recall_notice_not_notified'));
    return { acknowledged_at: dateInput(ctx, input, 'acknowledged_at', notice.notified_at) };
  },
};
