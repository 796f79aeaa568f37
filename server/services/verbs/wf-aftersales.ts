/** What the verbs of schema/workflows/aftersales.ts change — After-sales: visits, complaints, quality feedback, adverse reactions. */
import type { VerbDef } from './types';

export const AFTERSALES_VERB_DEFS: VerbDef[] = [];
