/** The GSP rule catalogue of /api/meta (code, severity, source article, title), looked up by code. */
import { getMeta } from '../meta/meta-store';
import { pick } from '../meta/labels';

export interface RuleInfo {
  code: string;
  severity: 'error' | 'warning';
  source: string;
  section?: string;
  title: { zh: string; en: string };
}

export function ruleInfo(code: string | null | undefined): RuleInfo | undefined {
  if (!code) return undefined;
  return (getMeta()?.rules as readonly RuleInfo[] | undefined)?.find((r) => r.code === code);
}

export const ruleTitle = (code: string, locale: string) => {
  const info = ruleInfo(code);
  return info ? pick(info.title, locale) : code;
};

/** Choices for a rule filter: "CODE 标题", in catalogue (RULES.md) order. */
export function ruleChoices(locale: string, only?: readonly string[]) {
  const rules = (getMeta()?.rules ?? []) as readonly RuleInfo[];
  return rules.filter((r) => !only || only.includes(r.code)).map((r) => ({ id: r.code, name: `${pick(r.title, locale)} ${r.code}` }));
}

/** The rule families the QA review lists are built on. */
export const SPECIAL_RULES = ['SPECIAL_NOT_VERIFIED', 'SPECIAL_ARRIVAL_UNCONFIRMED', 'SPECIAL_DOCS_MISSING'] as const;
export const COMPLAINT_RULES = ['COMPLAINT_OVERDUE'] as const;
export const RECALL_RULES = ['RECALL_NOT_NOTIFIED'] as const;
export const OUTBOUND_RULES = ['OUTBOUND_NOT_REVIEWED'] as const;
