/**
 * One line of an approval checklist (首营审核, the contract terms, a salesperson's qualifications): what is
 * checked, whether it passes, why, and the regulation it comes from. `blocking` checks must pass before
 * the record may be approved; a 'warn' passes but asks for attention (e.g. a licence expiring soon).
 */
import type { I18nText } from '../../../../schema/verbs';
import type { Lang } from '../../../../schema/messages';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'na';

export interface Check {
  key: string;
  label: I18nText;
  status: CheckStatus;
  blocking: boolean;
  detail: I18nText;
  /** the article of the seed document or the national rule */
  source: string;
  /** the record's fields (or child resource) the check reads, for the UI to point at */
  fields: string[];
}

export interface Checklist {
  resource: string;
  id: number;
  asOf: string;
  qa_status: string | null;
  /** no blocking check fails */
  ready: boolean;
  checks: Check[];
}

export const text = (zh: string, en: string): I18nText => ({ zh, en });

export const failing = (checks: readonly Check[]) => checks.filter((c) => c.blocking && c.status === 'fail');

/** `1. 营业执照：缺少…；2. …` — the failing checks, for a refusal message. */
export function describeFailing(checks: readonly Check[], lang: Lang): string {
  const i = lang === 'en' ? 'en' : 'zh';
  return failing(checks)
    .map((c, n) => `${n + 1}. ${c.label[i]}${i === 'zh' ? '：' : ': '}${c.detail[i]}`)
    .join(i === 'zh' ? '；' : '; ');
}
