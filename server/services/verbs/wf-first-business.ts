/** What the verbs of schema/workflows/first-business.ts change — 首营 (first-business) approval: the checks QA signs off. */
import type { VerbDef } from './types';

export const FIRST_BUSINESS_VERB_DEFS: VerbDef[] = [];
