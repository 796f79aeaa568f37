/**
 * What the forms say about a field from the lifecycle declaration (schema/lifecycle.ts), the same one the
 * server enforces: a step-owned field is read-only with the step that sets it; a field an approval covered
 * warns, on an approved record, that changing it sends the record back to review.
 */
import { LIFECYCLE, stepKeys, stepOwned } from '../../../schema/lifecycle';
import { findVerbSpec } from '../../../schema/verbs';

type Lang = 'zh' | 'en';
type Rec = Record<string, unknown>;

/** 「首营审核批准」/「首营审核驳回」 — the steps that set the field, in the UI language. */
export function ownedBySteps(resource: string, field: string, lang: Lang): string | null {
  const owned = stepOwned(resource, field);
  if (!owned || owned.plain) return null; // a form may still move it between its plain values
  return stepKeys(resource, field)
    .map((k) => {
      const [res, verb] = k.split('/');
      return findVerbSpec(res, verb)?.label[lang] ?? verb;
    })
    .join(lang === 'en' ? ' / ' : '」/「');
}

/** On an approved record, the approval and the state a change of this field returns it to. */
export function reviewedBy(resource: string, field: string, record: Rec | undefined, lang: Lang): { approval: string; state: string } | null {
  const review = LIFECYCLE[resource]?.review;
  if (!review || !record || !review.fields.includes(field) || !review.approved(record)) return null;
  return { approval: review.label[lang], state: review.backTo[lang] };
}

/** Whether the resource's records can be returned to review (the show page then looks for the reason). */
export const hasReview = (resource: string) => !!LIFECYCLE[resource]?.review;
