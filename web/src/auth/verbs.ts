/**
 * The verbs the console offers: the catalogue is schema/verbs.ts (shared with the server, which runs them);
 * here is only what the UI asks of it.
 */
import { VERB_SPECS, findVerbSpec, type VerbSpec } from '../../../schema/verbs';

export { VERB_SPECS, findVerbSpec, type VerbSpec };
type Rec = Record<string, unknown>;

export const verbsOf = (resource: string) => VERB_SPECS.filter((v) => v.resource === resource);

/** Whether signed approvals (and so a signatures panel) exist for this resource. */
export const hasSignedVerbs = (resource: string) => verbsOf(resource).some((v) => v.signed);

export interface VerbOffer {
  spec: VerbSpec;
  /** why the button is shown but disabled (the signer created the record) */
  blocked?: 'self_approval';
}

/**
 * The verbs to offer on a record's page: those one of the user's roles may sign (admin signs nothing unless
 * it also holds the role), for a live record in a state the verb applies to.
 */
export function availableVerbs(roles: readonly string[], resource: string, record: Rec | undefined, userId?: unknown): VerbOffer[] {
  if (!record || record.voided_at) return [];
  return verbsOf(resource)
    .filter((spec) => !spec.inPanel && spec.roles.some((r) => roles.includes(r)) && spec.ready(record))
    .map((spec) =>
      spec.noSelfApproval && userId != null && record.created_by != null && record.created_by === userId
        ? { spec, blocked: 'self_approval' as const }
        : { spec },
    );
}

/** The verbs these roles may run on several selected records at once (list bulk actions). */
export const bulkVerbs = (roles: readonly string[], resource: string) =>
  verbsOf(resource).filter((spec) => !spec.inPanel && spec.roles.some((r) => roles.includes(r)));
