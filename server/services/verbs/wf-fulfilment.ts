/** What the verbs of schema/workflows/fulfilment.ts change — Order → outbound → invoice → payment, and the special-control drug steps. */
import type { VerbDef } from './types';

export const FULFILMENT_VERB_DEFS: VerbDef[] = [];
