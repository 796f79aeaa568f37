/**
 * The recall flow's part of the plain writes: a recall created open (or whose batches change while open)
 * starts at once; a notice's quantity_sold is always derived on the server, never taken from the client,
 * and a returned quantity above it is refused whichever way it is entered; a voided open recall hands its
 * batches back to QA as quarantined (release.ts).
 */
import { msg } from '../../../../schema/messages';
import { registry } from '../../../../schema/resources';
import { recalls } from '../../../../schema/tables';
import { validationError } from '../../../errors';
import type { WriteHooks } from '../../hooks';
import { findRow } from '../../records';
import { withNumber } from '../aftersales/numbering';
import { scopeOf, soldByCustomer } from './affected';
import { startRecall } from './start';
import { releaseBatches } from './release';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const RECALL_HOOKS: Record<string, WriteHooks> = {
  recalls: {
    fillInput: async (ctx, input) => {
      const today = ctx.clock.today();
      const filled = await withNumber(ctx.db, recalls, input, 'recall_no', 'ZH', 'started_at', today);
      return filled.started_at == null || filled.started_at === '' ? { ...filled, started_at: today } : filled;
    },
    afterWrite: async (ctx, before, after) => {
      if (after.status !== 'open' || after.voided_at) return;
      const changed = before?.status !== 'open' || before.product !== after.product || !same(before.batches, after.batches);
      if (changed) await startRecall(ctx, after);
    },
    afterVoid: async (ctx, voided) => {
      if (voided.status === 'open') await releaseBatches(ctx, voided);
    },
  },
  recall_notices: {
    beforeWrite: async (ctx, values, current) => {
      const recallId = (values.recall ?? current?.recall) as number | undefined;
      const customer = (values.customer ?? current?.customer) as number | undefined;
      const moved =
        !!current && (('recall' in values && !same(values.recall, current.recall)) || ('customer' in values && !same(values.customer, current.customer)));
      if (!current || moved) {
        const recall = recallId != null ? await findRow(ctx.db, registry.get('recalls')!, recallId) : undefined;
        values.quantity_sold = recall && customer != null ? ((await soldByCustomer(ctx.db, scopeOf(recall), customer))[0]?.quantity ?? 0) : 0;
      }
      const sold = Number(values.quantity_sold ?? current?.quantity_sold ?? 0);
      const returned = values.quantity_returned ?? current?.quantity_returned;
      if (returned != null && Number(returned) > sold) {
        const m = msg(ctx.lang, 'recall_return_exceeds', { returned: Number(returned), sold });
        throw validationError(m, { quantity_returned: m });
      }
    },
  },
};
