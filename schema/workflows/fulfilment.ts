/** The workflow verbs of one flow — Order → outbound → invoice → payment, and the special-control drug steps. */
import type { VerbSpec } from '../verbs';

export const FULFILMENT_VERBS: readonly VerbSpec[] = [];
