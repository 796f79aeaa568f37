/** The staff and quality records' part of the plain writes (server/services/hooks.ts). */
import { correctiveActions, marketReports, priceFilings } from '../../../../schema/tables';
import type { WriteHooks } from '../../hooks';
import { withNumber } from '../aftersales/numbering';
import { fillAssessment } from './assessment';
import { checkCorrectiveLink } from './corrective';
import { fillMaterial } from './materials';
import { fillPriceFiling } from './price-filing';
import { checkTrainee } from './trainings';

export const STAFF_QUALITY_HOOKS: Record<string, WriteHooks> = {
  salesperson_assessments: { beforeWrite: (ctx, values, current) => fillAssessment(ctx, values, current) },
  product_materials: { beforeWrite: (ctx, values, current) => fillMaterial(ctx, values, current) },
  market_reports: { fillInput: (ctx, input) => withNumber(ctx.db, marketReports, input, 'report_no', 'SC', 'reported_at', ctx.clock.today()) },
  price_filings: {
    fillInput: (ctx, input) => withNumber(ctx.db, priceFilings, input, 'filing_no', 'JB', 'period_to', ctx.clock.today()),
    beforeWrite: (ctx, values, current) => fillPriceFiling(ctx, values, current),
  },
  corrective_actions: {
    fillInput: (ctx, input) => withNumber(ctx.db, correctiveActions, input, 'action_no', 'GJ', null, ctx.clock.today()),
    beforeWrite: (ctx, values, current, opts) => {
      if (!opts.historical) checkCorrectiveLink(ctx, values, current);
    },
  },
  trainings: { beforeWrite: (ctx, values, current) => checkTrainee(ctx, values, current) },
};
