/** What the verbs of schema/workflows/fulfilment.ts change — Order → outbound → invoice → payment, and the special-control drug steps. */
import { msg } from '../../../schema/messages';
import { badRequest } from '../../errors';
import { confirmOrder } from '../workflows/fulfilment/confirm-order';
import { stepDate } from '../workflows/fulfilment/inputs';
import { confirmReceipt, issueOutbound } from '../workflows/fulfilment/outbound';
import { verifyArrival, verifySpecial } from '../workflows/fulfilment/special';
import { requireNoBlocks, STEPS } from '../workflows/fulfilment/blocks';
import { voidInvoice, voidOrder, voidPayment, voidSlip } from '../workflows/fulfilment/unwind';
import { verb, type VerbDef } from './types';

export const FULFILMENT_VERB_DEFS: VerbDef[] = [
  verb('sales_orders', 'confirm', (ctx, row) => confirmOrder(ctx, row)),
  verb('sales_orders', 'issue-outbound', (ctx, row, input) => issueOutbound(ctx, row, input)),
  verb('sales_orders', 'verify-special', (ctx, row, input) => verifySpecial(ctx, row, input)),
  verb('outbound_slips', 'pick', async (ctx, row) => {
    await requireNoBlocks(ctx, row.order as number, ctx.clock.today(), STEPS.pick);
    return { picked_by: ctx.actor.display_name };
  }),
  verb('outbound_slips', 'confirm-receipt', async (ctx, row, input) => confirmReceipt(ctx, row, input)),
  verb('outbound_slips', 'verify-arrival', (ctx, row, input) => {
    const date = stepDate(ctx, input, 'arrival_verified_at', { zh: '到货核实', en: 'Arrival verification' });
    if (date < String(row.outbound_date)) throw badRequest(msg(ctx.lang, 'wf_bad_date', { field: ctx.lang === 'en' ? 'Arrival verification' : '到货核实' }));
    return verifyArrival(ctx, row, date);
  }),
  verb('payments', 'void-payment', (ctx, row, input) => voidPayment(ctx, row, input)),
  verb('invoices', 'void-invoice', (ctx, row, input) => voidInvoice(ctx, row, input)),
  verb('outbound_slips', 'void-slip', (ctx, row, input) => voidSlip(ctx, row, input)),
  verb('sales_orders', 'void-order', (ctx, row, input) => voidOrder(ctx, row, input)),
];
