/** The workflow verbs of one flow — 首营 (first-business) approval: the checks QA signs off. */
import type { VerbSpec } from '../verbs';

export const FIRST_BUSINESS_VERBS: readonly VerbSpec[] = [];
