/** The workflow verbs of one flow — Recalls: start (lists the customers who received the batches), notices, returns, close. */
import type { VerbSpec } from '../verbs';

export const RECALL_VERBS: readonly VerbSpec[] = [];
