/** What kind of value each rule threshold holds (schema/rules/settings.ts), and the text ↔ list-of-days parsing. */
import { RULE_SETTING_DEFAULTS, RULE_SETTING_LABELS, RULE_SETTING_NAMES, type RuleSettingKey } from '../../../../schema/rules/settings';
import { COMPANY_SETTINGS, COMPANY_SETTING_NAMES } from '../../../../schema/company-settings';
import { BUSINESS_TIME_ZONE_LABELS, BUSINESS_TIME_ZONE_SETTING } from '../../../../schema/time-zone';

export type SettingKind = 'number' | 'integer' | 'days' | 'json';

export const isRuleSetting = (key: unknown): key is RuleSettingKey => typeof key === 'string' && Object.hasOwn(RULE_SETTING_DEFAULTS, key);

/** days lists (licenseExpiryWarningDays), amounts of money (majorContractAmount), day counts; JSON otherwise. */
export function settingKind(key: unknown): SettingKind {
  if (!isRuleSetting(key)) return 'json';
  const def = RULE_SETTING_DEFAULTS[key];
  if (Array.isArray(def)) return 'days';
  return key === 'majorContractAmount' ? 'number' : 'integer';
}

/** "30, 60、90" → [30, 60, 90] (sorted, without repeats); null when an entry is no whole number ≥ 0. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[、，,;；\s]+/).filter(Boolean);
  if (!parts.length) return null;
  const days = parts.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < 0)) return null;
  return [...new Set(days)].sort((a, b) => a - b);
}

export const formatDays = (value: unknown) => (Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value));

const isCompanySetting = (key: unknown): key is keyof typeof COMPANY_SETTINGS => typeof key === 'string' && Object.hasOwn(COMPANY_SETTINGS, key);

/** The setting's description in the UI language (the stored description is the Chinese one). */
export function settingLabel(key: unknown, locale: string): string | undefined {
  const i = locale === 'en' ? 1 : 0;
  if (key === BUSINESS_TIME_ZONE_SETTING) return BUSINESS_TIME_ZONE_LABELS.description[i];
  return isRuleSetting(key) ? RULE_SETTING_LABELS[key][i] : isCompanySetting(key) ? COMPANY_SETTINGS[key][i] : undefined;
}

/** The key's short name in the UI language (证照到期预警天数), or the key itself for one nobody declared. */
export function settingName(key: unknown, locale: string): string {
  const i = locale === 'en' ? 1 : 0;
  if (key === BUSINESS_TIME_ZONE_SETTING) return BUSINESS_TIME_ZONE_LABELS.name[i];
  return isRuleSetting(key) ? RULE_SETTING_NAMES[key][i] : isCompanySetting(key) ? COMPANY_SETTING_NAMES[key][i] : String(key ?? '');
}

/** A value as a person reads it: "30、60、90" for lists, grouped digits for amounts. */
export function settingText(value: unknown): string {
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'number') return value.toLocaleString('zh-CN');
  return value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
