/** What the verbs of schema/workflows/first-business.ts change — the reviews before QA's 首营 approval. */
import { creditReview } from '../workflows/first-business/credit-review';
import { storageReview } from '../workflows/first-business/storage-review';
import { verb, type VerbDef } from './types';

export const FIRST_BUSINESS_VERB_DEFS: VerbDef[] = [
  verb('customers', 'credit-review', async (ctx, _row, input) => creditReview(ctx, input)),
  verb('customers', 'storage-review', async (ctx) => storageReview(ctx)),
];
