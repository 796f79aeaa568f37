import { APPROVAL_VERBS } from './approvals';
import { FINDING_VERBS } from './findings';
import { FIRST_BUSINESS_VERB_DEFS } from './wf-first-business';
import { CONTRACTS_VERB_DEFS } from './wf-contracts';
import { FULFILMENT_VERB_DEFS } from './wf-fulfilment';
import { RECALL_VERB_DEFS } from './wf-recall';
import { AFTERSALES_VERB_DEFS } from './wf-aftersales';
import { IMPORT_VERB_DEFS } from './wf-imports';
import { AFTERSALES_RECORD_VERB_DEFS } from './wf-after-sales-records';
import { STAFF_QUALITY_VERB_DEFS } from './wf-staff-quality';
import type { VerbDef } from './types';

const ALL: VerbDef[] = [
  ...APPROVAL_VERBS,
  ...FINDING_VERBS,
  ...FIRST_BUSINESS_VERB_DEFS,
  ...CONTRACTS_VERB_DEFS,
  ...FULFILMENT_VERB_DEFS,
  ...RECALL_VERB_DEFS,
  ...AFTERSALES_VERB_DEFS,
  ...IMPORT_VERB_DEFS,
  ...AFTERSALES_RECORD_VERB_DEFS,
  ...STAFF_QUALITY_VERB_DEFS,
];

/** Every workflow verb, by `resource/verb`. */
export const VERBS: ReadonlyMap<string, VerbDef> = new Map(ALL.map((v) => [`${v.resource}/${v.verb}`, v]));

export function findVerb(resource: string, verb: string): VerbDef | undefined {
  return VERBS.get(`${resource}/${verb}`);
}
