/** The report notice of an imported row whose file claimed approvals (kept as legacy facts: schema/legacy.ts). */
import { ROLE } from '../../schema/enums';
import { grantorRoles } from '../../schema/legacy';
import type { Lang } from '../../schema/messages';
import { imsg } from './messages';
import type { ReportFinding } from './types';

/** The notice's code in the report (docs/RULES.md, import paragraph): a warning, never a stored finding. */
export const LEGACY_KEPT = 'IMPORT_LEGACY_FACT';
export const LEGACY_UNTRUSTED = 'IMPORT_LEGACY_UNTRUSTED';

export function roleList(roles: readonly string[], lang: Lang): string {
  return roles.map((r) => ROLE.labels[r as keyof typeof ROLE.labels]?.[lang === 'en' ? 1 : 0] ?? r).join(lang === 'en' ? ', ' : '、');
}

export function legacyNotice(lang: Lang, row: number, resource: string, headers: string[], trusted: boolean): ReportFinding {
  const params = { fields: headers.join(lang === 'en' ? ', ' : '、'), row, roles: roleList(grantorRoles(resource), lang) };
  return {
    row,
    rule: trusted ? LEGACY_KEPT : LEGACY_UNTRUSTED,
    severity: 'warning',
    fields: headers,
    message: imsg(lang, trusted ? 'legacy_kept' : 'legacy_untrusted', params),
  };
}
