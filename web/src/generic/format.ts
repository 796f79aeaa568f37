/**
 * Timestamps read the same everywhere (2024/03/05 14:07:09), in both UI languages, and in the business time
 * zone (schema/time-zone.ts: Asia/Shanghai unless the settings say otherwise), never the browser's.
 */
import { DEFAULT_BUSINESS_TIME_ZONE, validTimeZone } from '../../../schema/time-zone';
import { bootData } from '../boot/boot-data';

// A signed-in index.html names it (server/http/web-app.ts); the layout follows the setting afterwards.
let zone = validTimeZone(bootData().timeZone) ?? DEFAULT_BUSINESS_TIME_ZONE;

/** Set from the settings once signed in (layout/ConsoleLayout.tsx). */
let lastValue: unknown;
export function setBusinessTimeZone(value: unknown): void {
  // called on every render of the layout: checking a zone builds an Intl formatter (≈ 1–20 ms)
  if (value === lastValue) return;
  lastValue = value;
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
