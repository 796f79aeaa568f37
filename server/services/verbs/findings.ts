/** QA's verbs on findings: acknowledge (seen, being handled) and waive (accepted with a reason, signed). */
import { verb, type VerbDef } from './types';

export const FINDING_VERBS: VerbDef[] = [
  verb('findings', 'acknowledge', async (ctx, _row, input) => ({
    status: 'acknowledged',
    reviewed_by: ctx.actor.id,
    reviewed_at: ctx.clock.now().toISOString(),
    ...(typeof input.comment === 'string' && input.comment.trim() ? { note: input.comment.trim() } : {}),
  })),
  verb('findings', 'waive', async (ctx, _row, input) => ({
    status: 'waived',
    note: String(input.comment).trim(),
    reviewed_by: ctx.actor.id,
    reviewed_at: ctx.clock.now().toISOString(),
  })),
];
