import type { Role } from '../../../schema/permissions';
import type { ServiceContext } from '../context';
import type { Row } from '../records';

/** A workflow verb: POST /api/:res/:id/:verb, signed electronically by one of `roles`. */
export interface VerbDef {
  resource: string;
  verb: string;
  meaning: string;
  roles: Role[];
  /** refused when the signer created the record (an approver cannot approve their own record) */
  noSelfApproval: boolean;
  /** false for verbs that are no approval (acknowledging a finding): no password, no signature */
  signed?: boolean;
  /** a comment is required (waiving a finding needs a reason) */
  commentRequired?: boolean;
  /** checks the record's state and returns the field changes the verb makes; throws to refuse */
  apply(ctx: ServiceContext, row: Row, input: Record<string, unknown>): Record<string, unknown>;
}
