/**
 * Issue #14's after-sales records in the plain writes: numbers left empty filled (BH- cases, FH- replies), the
 * derived counts and flags set on the server, dates checked across fields, and a batch marked 不合格 opening
 * its nonconforming-goods case (a case entered by hand marks its batch in turn).
 */
import { msg } from '../../../../schema/messages';
import { registry } from '../../../../schema/resources';
import { nonconformities, replies } from '../../../../schema/tables';
import { validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { WriteHooks } from '../../hooks';
import { findRow, type Row } from '../../records';
import { slipColdStorage } from '../../rules/after-sales-views';
import { withNumber } from '../aftersales/numbering';
import { markBatchNonconforming, openCaseForBatch, soldOfCase } from './nonconformity';

type Values = Record<string, unknown>;
const today = (ctx: ServiceContext, input: Values, key: string) => (input[key] == null || input[key] === '' ? { ...input, [key]: ctx.clock.today() } : input);
const value = (values: Values, current: Row | undefined, key: string) => (key in values ? values[key] : current?.[key]);

/** `to` (a date or time) not before `from`: 400 on `to` naming both. */
function notBefore(ctx: ServiceContext, values: Values, current: Row | undefined, from: string, to: string) {
  const a = value(values, current, from);
  const b = value(values, current, to);
  if (typeof a === 'string' && typeof b === 'string' && b < a) {
    throw validationError(msg(ctx.lang, 'invalid_input'), { [to]: msg(ctx.lang, 'date_before', { other: a.slice(0, 16) }) });
  }
}

/** The quantity a customer received of the case's batch (never taken from the client). */
async function sold(ctx: ServiceContext, caseId: unknown, customer: unknown): Promise<number> {
  const kase = typeof caseId === 'number' ? await findRow(ctx.db, registry.get('nonconformities')!, caseId) : undefined;
  return kase && typeof customer === 'number' ? ((await soldOfCase(ctx, kase.batch, customer))[0]?.quantity ?? 0) : 0;
}

export const AFTERSALES_RECORD_HOOKS: Record<string, WriteHooks> = {
  batches: {
    afterWrite: async (ctx, before, after) => {
      if (after.status === 'nonconforming' && before?.status !== 'nonconforming' && !after.voided_at) await openCaseForBatch(ctx, after);
    },
  },
  nonconformities: {
    fillInput: (ctx, input) => withNumber(ctx.db, nonconformities, today(ctx, input, 'found_at'), 'case_no', 'BH', 'found_at', ctx.clock.today()),
    beforeWrite: async (ctx, values, current) => {
      if (current && !('batch' in values && values.batch !== current.batch)) return;
      const s = await soldOfCase(ctx, values.batch ?? current?.batch);
      values.customers_count = s.length;
      values.quantity_sold = s.reduce((t, r) => t + r.quantity, 0);
    },
    afterWrite: async (ctx, _before, after) => {
      if (!after.voided_at && after.status === 'open') await markBatchNonconforming(ctx, after);
    },
  },
  nonconformity_notices: {
    beforeWrite: async (ctx, values, current) => {
      const moved =
        !!current &&
        (('nonconformity' in values && values.nonconformity !== current.nonconformity) || ('customer' in values && values.customer !== current.customer));
      if (!current || moved) values.quantity_sold = await sold(ctx, value(values, current, 'nonconformity'), value(values, current, 'customer'));
      const returned = value(values, current, 'quantity_returned');
      const had = Number(value(values, current, 'quantity_sold') ?? 0);
      if (returned != null && Number(returned) > had) {
        const m = msg(ctx.lang, 'recall_return_exceeds', { returned: Number(returned), sold: had });
        throw validationError(m, { quantity_returned: m });
      }
    },
  },
  deliveries: {
    beforeWrite: async (ctx, values, current) => {
      const slipId = value(values, current, 'slip');
      if (!current || 'slip' in values) {
        const slip = typeof slipId === 'number' ? await findRow(ctx.db, registry.get('outbound_slips')!, slipId) : undefined;
        const order = slip ? await findRow(ctx.db, registry.get('sales_orders')!, slip.order as number) : undefined;
        values.customer = order?.customer ?? null;
        values.cold_chain = (await slipColdStorage(ctx.db, slipId)) !== null;
      }
      notBefore(ctx, values, current, 'departed_at', 'arrived_at');
    },
  },
  replies: {
    fillInput: (ctx, input) => withNumber(ctx.db, replies, today(ctx, input, 'reply_date'), 'reply_no', 'FH', 'reply_date', ctx.clock.today()),
    beforeWrite: async (ctx, values, current) => {
      const complaintId = value(values, current, 'complaint');
      if (typeof complaintId !== 'number') return;
      const complaint = await findRow(ctx.db, registry.get('complaints')!, complaintId);
      if (complaint && value(values, current, 'customer') !== complaint.customer) {
        throw validationError(msg(ctx.lang, 'invalid_input'), {
          customer: msg(ctx.lang, 'reply_customer_mismatch', { complaint: String(complaint.complaint_no) }),
        });
      }
      if (complaint && value(values, current, 'product') == null && complaint.product != null) values.product = complaint.product;
    },
  },
  follow_up_plans: {
    beforeWrite: (ctx, values, current) => {
      const n = value(values, current, 'interval_days');
      if (typeof n === 'number' && n < 1) throw validationError(msg(ctx.lang, 'invalid_input'), { interval_days: msg(ctx.lang, 'at_least_one') });
      notBefore(ctx, values, current, 'start_date', 'end_date');
    },
  },
  supplier_agreements: { beforeWrite: (ctx, values, current) => notBefore(ctx, values, current, 'valid_from', 'valid_to') },
};
