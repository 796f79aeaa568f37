/**
 * A salesperson's qualifications as of today (第二篇 3.3, 3.6.4, 3.12; 第四篇 一.1, 一.2): authorisation
 * letters, labour contract, sales permit and training records, each valid / expiring (within the settings'
 * warning windows) / expired — what the 资质 tab shows and the office renews.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { authorizations, trainings } from '../../../../schema/tables';
import { dateOf, daysBetween, expiryWindow, splitList, withinValidity } from '../../../../schema/rules';
import { loadSettings } from '../../settings';
import type { Db } from '../../../db';
import type { Row } from '../../records';

export type QualificationState = 'valid' | 'expiring' | 'expired' | 'not_yet' | 'missing' | 'invalid';

export interface QualificationItem {
  kind: 'letter' | 'contract' | 'permit' | 'training';
  id: number | null;
  title: string;
  detail: { zh: string; en: string };
  valid_from: string | null;
  valid_to: string | null;
  state: QualificationState;
  /** days from today to valid_to (negative once ended) */
  daysLeft: number | null;
}

export interface Qualification {
  salesperson: { id: number; name: string; id_no: string | null };
  asOf: string;
  windows: readonly number[];
  /** a sealed letter, a labour contract and a permit all valid today, and a passed training (the latest not failed) */
  qualified: boolean;
  items: QualificationItem[];
}

function stateOf(
  from: string | null | undefined,
  to: string | null | undefined,
  asOf: string,
  windows: readonly number[],
): { state: QualificationState; daysLeft: number | null } {
  const end = dateOf(to);
  const start = dateOf(from);
  const daysLeft = end ? daysBetween(asOf, end) : null;
  if (start && start > asOf) return { state: 'not_yet', daysLeft };
  const w = expiryWindow(end, asOf, windows);
  if (w === 'expired') return { state: 'expired', daysLeft };
  return { state: typeof w === 'number' ? 'expiring' : 'valid', daysLeft };
}

export async function salespersonQualification(db: Db, asOf: string, person: Row): Promise<Qualification> {
  const windows = (await loadSettings(db)).licenseExpiryWarningDays;
  const items: QualificationItem[] = [];
  const letters = await db
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.salesperson, person.id), isNull(authorizations.voided_at)))
    .orderBy(desc(authorizations.valid_to))
    .all();
  for (const l of letters) {
    const s = stateOf(l.valid_from, l.valid_to, asOf, windows);
    const varieties = splitList(l.varieties as string[]).join('、');
    const regions = splitList(l.regions as string[]).join('、');
    items.push({
      kind: 'letter',
      id: l.id,
      title: l.document_no,
      valid_from: l.valid_from,
      valid_to: l.valid_to,
      state: l.sealed ? s.state : 'invalid',
      daysLeft: s.daysLeft,
      detail: {
        zh: `品种：${varieties}；地域：${regions}；${l.sealed ? '已盖章' : '未加盖公章及法定代表人印章（无效）'}`,
        en: `Varieties: ${varieties}; regions: ${regions}; ${l.sealed ? 'sealed' : 'not sealed (invalid)'}`,
      },
    });
  }
  if (!letters.length)
    items.push({
      kind: 'letter',
      id: null,
      title: '—',
      valid_from: null,
      valid_to: null,
      state: 'missing',
      daysLeft: null,
      detail: { zh: '没有授权书', en: 'No authorisation letter' },
    });
  const contract =
    person.contract_start || person.contract_end
      ? stateOf(person.contract_start as string, person.contract_end as string, asOf, windows)
      : { state: 'missing' as const, daysLeft: null };
  items.push({
    kind: 'contract',
    id: null,
    title: '劳动合同',
    valid_from: (person.contract_start as string) ?? null,
    valid_to: (person.contract_end as string) ?? null,
    ...contract,
    detail: {
      zh: person.social_insurance ? '已缴纳社会保险' : '未登记社会保险',
      en: person.social_insurance ? 'Social insurance paid' : 'No social insurance recorded',
    },
  });
  const permit = person.permit_no ? stateOf(null, person.permit_valid_to as string, asOf, windows) : { state: 'missing' as const, daysLeft: null };
  items.push({
    kind: 'permit',
    id: null,
    title: (person.permit_no as string) ?? '—',
    valid_from: null,
    valid_to: (person.permit_valid_to as string) ?? null,
    ...permit,
    detail: { zh: person.permit_no ? `上岗证 ${person.permit_no}` : '没有上岗证', en: person.permit_no ? `Permit ${person.permit_no}` : 'No sales permit' },
  });
  const courses = await db
    .select()
    .from(trainings)
    .where(and(eq(trainings.salesperson, person.id), isNull(trainings.voided_at)))
    .orderBy(desc(trainings.date), asc(trainings.id))
    .all();
  for (const t of courses) {
    items.push({
      kind: 'training',
      id: t.id,
      title: t.topic,
      valid_from: t.date,
      valid_to: null,
      daysLeft: null,
      state: t.passed ? 'valid' : 'invalid',
      detail: {
        zh: `${t.date} ${t.hours ?? '—'} 学时，${t.passed ? '考核合格' : '考核未通过'}`,
        en: `${t.date}, ${t.hours ?? '—'} h, ${t.passed ? 'passed' : 'not passed'}`,
      },
    });
  }
  const ok = (kind: QualificationItem['kind']) => items.some((i) => i.kind === kind && (i.state === 'valid' || i.state === 'expiring'));
  const letterToday = letters.some((l) => l.sealed && withinValidity(asOf, l.valid_from, l.valid_to));
  return {
    salesperson: { id: person.id, name: person.name as string, id_no: (person.id_no as string) ?? null },
    // 第四篇 一.1 培训合格上岗: a passed training, the latest one not failed (courses: newest first)
    asOf,
    windows,
    qualified: letterToday && ok('contract') && ok('permit') && courses.some((t) => t.passed) && !!courses[0]?.passed,
    items,
  };
}
