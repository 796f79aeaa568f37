/** What the verb of schema/workflows/imports.ts changes — voiding a whole sales-ledger import. */
import { voidImport } from '../bulk';
import { verb, type VerbDef } from './types';

export const IMPORT_VERB_DEFS: VerbDef[] = [verb('imports', 'void-import', (ctx, row, input) => voidImport(ctx, row, String(input.comment ?? '').trim()))];
