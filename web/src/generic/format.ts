/**
 * Timestamps read the same everywhere (2024/03/05 14:07:09), in both UI languages, and in the business time
 * zone (schema/time-zone.ts: Asia/Shanghai unless the settings say otherwise), never the browser's.
 */
import { DEFAULT_BUSINESS_TIME_ZONE, validTimeZone } from '../../../schema/time-zone';
import { bootData } from '../boot/boot-data';

// A signed-in index.html names it (server/http/web-app.ts); the layout follows the setting afterwards.
let given: unknown = bootData().timeZone ?? DEFAULT_BUSINESS_TIME_ZONE;
let zone: string | undefined;

/** Set from the settings once signed in (layout/ConsoleLayout.tsx; no setting: the default zone). */
export function setBusinessTimeZone(value: unknown): void {
  const next = value == null || value === '' ? DEFAULT_BUSINESS_TIME_ZONE : value;
  if (next === given) return;
  given = next;
  zone = undefined;
}
/**
 * Checked when a time is first shown, not as the console starts: checking a zone builds an Intl formatter,
 * ≈ 1–20 ms the first time (ICU's zone data), and a list of calendar days never needs it.
 */
export const businessTimeZone = () => (zone ??= validTimeZone(given) ?? DEFAULT_BUSINESS_TIME_ZONE);
/** Changes whenever the zone may have (without checking it): the layout draws the page again under a new key. */
export const businessTimeZoneKey = () => String(given);

export const TIMESTAMP_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};

/** The format options of a timestamp in the business zone (for react-admin's DateField). */
export const timestampOptions = (): Intl.DateTimeFormatOptions => ({ ...TIMESTAMP_FORMAT, timeZone: businessTimeZone() });

export const formatTimestamp = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { ...timestampOptions(), second: '2-digit' }) : '';

/** 2025-06-30 14:05 in the business zone (workflow steppers and panels). */
export function formatMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return String(iso);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { ...TIMESTAMP_FORMAT, hour12: false, hourCycle: 'h23', timeZone: businessTimeZone() })
      .formatToParts(t)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
