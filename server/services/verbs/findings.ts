/** QA's verbs on findings: acknowledge (seen, being handled) and waive (accepted with a reason, signed). */
import { msg } from '../../../schema/messages';
import { badRequest } from '../../errors';
import type { VerbDef } from './types';

const notFinal = (ctx: Parameters<VerbDef['apply']>[0], status: unknown) => {
  if (status === 'resolved' || status === 'waived') throw badRequest(msg(ctx.lang, 'verb_state', { detail: String(status) }));
};

export const FINDING_VERBS: VerbDef[] = [
  {
    resource: 'findings', verb: 'acknowledge', meaning: 'acknowledge_finding', roles: ['qa'], noSelfApproval: false, signed: false,
    apply: (ctx, row, input) => {
      notFinal(ctx, row.status);
      return { status: 'acknowledged', reviewed_by: ctx.actor.id, reviewed_at: ctx.clock.now().toISOString(), ...(typeof input.comment === 'string' && input.comment.trim() ? { note: input.comment.trim() } : {}) };
    },
  },
  {
    resource: 'findings', verb: 'waive', meaning: 'waive_finding', roles: ['qa'], noSelfApproval: false, commentRequired: true,
    apply: (ctx, row, input) => {
      notFinal(ctx, row.status);
      return { status: 'waived', note: String(input.comment).trim(), reviewed_by: ctx.actor.id, reviewed_at: ctx.clock.now().toISOString() };
    },
  },
];
