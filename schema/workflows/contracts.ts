/** The workflow verbs of one flow — Contracts: draft → submit (terms checklist) → approval by level → signing. */
import type { VerbSpec } from '../verbs';

export const CONTRACTS_VERBS: readonly VerbSpec[] = [];
