/** What the verbs of schema/workflows/staff-quality.ts change — material approval, market reports, price filings, corrective actions. */
import { correctiveSteps, openCorrectiveAction } from '../workflows/staff-quality/corrective';
import { markRead } from '../workflows/staff-quality/market';
import { approveMaterial } from '../workflows/staff-quality/materials';
import { submitFiling } from '../workflows/staff-quality/price-filing';
import { verb, type VerbDef } from './types';

export const STAFF_QUALITY_VERB_DEFS: VerbDef[] = [
  verb('product_materials', 'approve', (ctx, row) => approveMaterial(ctx, row)),
  verb('market_reports', 'submit', async (ctx) => ({ status: 'submitted', submitted_at: ctx.clock.today() })),
  verb('market_reports', 'mark-read', (ctx, row) => markRead(ctx, row)),
  verb('price_filings', 'submit', (ctx, row) => submitFiling(ctx, row)),
  verb('price_filings', 'acknowledge', async (ctx) => ({
    status: 'acknowledged',
    acknowledged_by: ctx.actor.display_name,
    acknowledged_at: ctx.clock.today(),
  })),
  verb('corrective_actions', 'complete', correctiveSteps.complete),
  verb('corrective_actions', 'verify', correctiveSteps.verify),
  ...['complaints', 'quality_feedback', 'visits'].map((r) => verb(r, 'open-corrective-action', openCorrectiveAction(r))),
];
