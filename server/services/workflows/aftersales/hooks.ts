/** The after-sales flow's part of the plain writes: complaint and feedback-form numbers filled when left empty. */
import { complaints, qualityFeedback } from '../../../../schema/tables';
import type { WriteHooks } from '../../hooks';
import { withNumber } from './numbering';
import { checkCitedMaterial } from '../staff-quality/materials';

export const AFTERSALES_HOOKS: Record<string, WriteHooks> = {
  complaints: {
    fillInput: (ctx, input) => withNumber(ctx.db, complaints, input, 'complaint_no', 'TS', 'received_at', ctx.clock.today()),
    beforeWrite: (ctx, values, current) => checkCitedMaterial(ctx, values, current),
  },
  visits: { beforeWrite: (ctx, values, current) => checkCitedMaterial(ctx, values, current) },
  quality_feedback: { fillInput: (ctx, input) => withNumber(ctx.db, qualityFeedback, input, 'form_no', 'ZL', null, ctx.clock.today()) },
};
