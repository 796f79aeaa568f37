/** What the verbs of schema/workflows/after-sales-records.ts change — nonconforming goods sold, their notices, service promises. */
import { closeCase, noticeSteps, notifyCustomers, openRecall, refreshCase } from '../workflows/after-sales-records/nonconformity';
import { fulfil } from '../workflows/after-sales-records/promises';
import { verb, type VerbDef } from './types';

export const AFTERSALES_RECORD_VERB_DEFS: VerbDef[] = [
  verb('nonconformities', 'open-recall', openRecall),
  verb('nonconformities', 'notify-customers', notifyCustomers),
  verb('nonconformities', 'refresh', (ctx, row) => refreshCase(ctx, row)),
  verb('nonconformities', 'close', (ctx, row) => closeCase(ctx, row)),
  verb('nonconformity_notices', 'notify', noticeSteps.notify),
  verb('nonconformity_notices', 'acknowledge', noticeSteps.acknowledge),
  verb('service_promises', 'fulfil', fulfil),
];
