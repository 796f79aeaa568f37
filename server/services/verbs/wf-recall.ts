/** What the verbs of schema/workflows/recall.ts change — Recalls: notices notified, acknowledged, returned; refresh; close. */
import { closeRecall } from '../workflows/recall/close';
import { acknowledge, notify, recordReturn } from '../workflows/recall/notices';
import { startRecall } from '../workflows/recall/start';
import { verb, type VerbDef } from './types';

export const RECALL_VERB_DEFS: VerbDef[] = [
  verb('recalls', 'close', (ctx, row) => closeRecall(ctx, row)),
  // Sales entered later (an import of older ledgers) may reveal more customers: bring the notices up to date.
  verb('recalls', 'refresh', async (ctx, row) => {
    await startRecall(ctx, row);
    return {};
  }),
  verb('recall_notices', 'notify', notify),
  verb('recall_notices', 'acknowledge', acknowledge),
  verb('recall_notices', 'record-return', recordReturn),
];
