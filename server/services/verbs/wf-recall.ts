/** What the verbs of schema/workflows/recall.ts change — Recalls: start (lists the customers who received the batches), notices, returns, close. */
import type { VerbDef } from './types';

export const RECALL_VERB_DEFS: VerbDef[] = [];
