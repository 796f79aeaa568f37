import type { VerbSpec } from '../../../schema/verbs';
import { findVerbSpec } from '../../../schema/verbs';
import type { ServiceContext } from '../context';
import type { Row } from '../records';

/**
 * A workflow verb as the server runs it: the shared catalogue entry (schema/verbs.ts: roles, signature,
 * comment, self-approval, the states it applies to) plus the field changes it makes.
 */
export interface VerbDef extends VerbSpec {
  /** returns the field changes the verb makes; throws to refuse (beyond the catalogue's state check) */
  apply(ctx: ServiceContext, row: Row, input: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>>;
}

export function verb(resource: string, name: string, apply: VerbDef['apply']): VerbDef {
  const spec = findVerbSpec(resource, name);
  if (!spec) throw new Error(`verb ${resource}/${name} is not in schema/verbs.ts`);
  return { ...spec, apply };
}
