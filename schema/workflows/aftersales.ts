/** The workflow verbs of one flow — After-sales: visits, complaints, quality feedback, adverse reactions. */
import type { VerbSpec } from '../verbs';

export const AFTERSALES_VERBS: readonly VerbSpec[] = [];
