/**
 * Timestamps read the same everywhere (2024/03/05 14:07:09), in both UI languages, and in the business time
 * zone (schema/time-zone.ts: Asia/Shanghai unless the settings say otherwise), never the browser's.
 */
import { DEFAULT_BUSINESS_TIME_ZONE, validTimeZone } from '../../../schema/time-zone';

let zone = DEFAULT_BUSINESS_TIME_ZONE;

/** Set once signed in, from the settings (layout/use-business-time-zone.ts). */
export function setBusinessTimeZone(value: unknown): void {
  zone = validTimeZone(value) ?? DEFAULT_BUSINESS_TIME_ZONE;
}
export const businessTimeZone = () => zone;

export const TIMESTAMP_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};

/** The format options of a timestamp in the business zone (for react-admin's DateField). */
export const timestampOptions = (): Intl.DateTimeFormatOptions => ({ ...TIMESTAMP_FORMAT, timeZone: zone });

export const formatTimestamp = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { ...timestampOptions(), second: '2-digit' }) : '';

/** 2025-06-30 14:05 in the business zone (workflow steppers and panels). */
export function formatMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return String(iso);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { ...TIMESTAMP_FORMAT, hour12: false, hourCycle: 'h23', timeZone: zone }).formatToParts(t).map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
