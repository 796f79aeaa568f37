/** The after-sales flow's part of the plain writes: complaint and feedback-form numbers filled when left empty. */
import { complaints, qualityFeedback } from '../../../../schema/tables';
import type { WriteHooks } from '../../hooks';
import { withNumber } from './numbering';

export const AFTERSALES_HOOKS: Record<string, WriteHooks> = {
  complaints: { fillInput: (ctx, input) => withNumber(ctx.db, complaints, input, 'complaint_no', 'TS', 'received_at', ctx.clock.today()) },
  quality_feedback: { fillInput: (ctx, input) => withNumber(ctx.db, qualityFeedback, input, 'form_no', 'ZL', null, ctx.clock.today()) },
};
