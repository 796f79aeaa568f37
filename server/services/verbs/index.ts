import { APPROVAL_VERBS } from './approvals';
import { FINDING_VERBS } from './findings';
import type { VerbDef } from './types';

/** Every workflow verb, by `resource/verb`. */
export const VERBS: ReadonlyMap<string, VerbDef> = new Map([...APPROVAL_VERBS, ...FINDING_VERBS].map((v) => [`${v.resource}/${v.verb}`, v]));

export function findVerb(resource: string, verb: string): VerbDef | undefined {
  return VERBS.get(`${resource}/${verb}`);
}
