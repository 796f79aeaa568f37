/**
 * The business time zone (issue 13 item 10): every date and time on screen is shown in it, whatever the
 * browser's zone. A `settings` row `businessTimeZone` (an IANA name) overrides the default.
 */
import type { Label } from './enums';

export const BUSINESS_TIME_ZONE_SETTING = 'businessTimeZone';
export const DEFAULT_BUSINESS_TIME_ZONE = 'Asia/Shanghai';
export const BUSINESS_TIME_ZONE_LABELS: { name: Label; description: Label } = {
  name: ['业务时区', 'Business time zone'],
  description: [
    '业务时区：界面上的日期和时间均按此时区显示（IANA 名称，如 Asia/Shanghai）',
    'Business time zone: every date and time on screen is shown in it (IANA name, e.g. Asia/Shanghai)',
  ],
};

/** The zone when the runtime knows it (Intl), else undefined. */
export function validTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
