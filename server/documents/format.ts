/** How values are printed on the documents (Chinese conventions; '—' for nothing). */
import { registry } from '../../schema/resources';
import { daysBetween } from '../../schema/rules';
import { DEFAULT_BUSINESS_TIME_ZONE, validTimeZone } from '../../schema/time-zone';

export const NONE = '—';

export const ymd = (d: unknown) => (typeof d === 'string' && d ? d.slice(0, 10) : NONE);

/** 2025-06-01 → 2025年6月1日 (letters and notices). */
export function cnDate(d: unknown): string {
  const m = typeof d === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(d) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '____年__月__日';
}

let zone = DEFAULT_BUSINESS_TIME_ZONE;
/** The business time zone of the documents being rendered (the businessTimeZone setting, company.ts). */
export function setDocumentTimeZone(value: unknown): void {
  zone = validTimeZone(value) ?? DEFAULT_BUSINESS_TIME_ZONE;
}

/** A stored ISO instant in the business time zone (Asia/Shanghai by default): 2025-06-30 14:05. */
export function dateTime(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return NONE;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(t);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function money(n: unknown): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : NONE;
}

export function qty(n: unknown): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('zh-CN', { maximumFractionDigits: 3 }) : NONE;
}

export const text = (v: unknown) => (v == null || v === '' ? NONE : String(v));
export const yesNo = (v: unknown) => (v === true || v === 1 ? '是' : v === false || v === 0 ? '否' : NONE);
export const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join('、') : typeof v === 'string' && v ? v : NONE);

/** The Chinese label of an enum value of `resource.field` (the stored key when unknown). */
export function label(resource: string, field: string, value: unknown): string {
  if (value == null || value === '') return NONE;
  const e = registry.get(resource)?.fields[field]?.enum;
  return (e?.labels as Record<string, readonly [string, string]> | undefined)?.[String(value)]?.[0] ?? String(value);
}

/** A licence or letter against `today`: valid, expiring within `warnDays`, or expired. */
export function validity(validTo: unknown, today: string, warnDays = 30): { text: string; warn: boolean } {
  if (typeof validTo !== 'string' || !validTo) return { text: '长期', warn: false };
  if (validTo < today) return { text: '已过期', warn: true };
  const days = daysBetween(today, validTo);
  return days <= warnDays ? { text: `${days} 天后到期`, warn: true } : { text: '有效', warn: false };
}
