/** What the verbs of schema/workflows/contracts.ts change — Contracts: draft → submit (terms checklist) → approval by level → signing. */
import { rejectContract } from '../workflows/contracts/reject';
import { signContract } from '../workflows/contracts/sign';
import { submitContract } from '../workflows/contracts/submit';
import { verb, type VerbDef } from './types';

export const CONTRACTS_VERB_DEFS: VerbDef[] = [
  verb('contracts', 'submit', async (ctx, row) => submitContract(ctx, row)),
  verb('contracts', 'reject', async (ctx, row) => rejectContract(ctx, row)),
  verb('contracts', 'sign', async (ctx, row, input) => signContract(ctx, row, input)),
];
