/** What the verbs of schema/workflows/contracts.ts change — Contracts: draft → submit (terms checklist) → approval by level → signing. */
import type { VerbDef } from './types';

export const CONTRACTS_VERB_DEFS: VerbDef[] = [];
