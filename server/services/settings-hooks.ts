/**
 * Settings are validated by their declared type (schema/rules/settings.ts for the thresholds, text for the
 * company's letterhead): a wrong type is refused with 400 and the expected type, never stored and then
 * silently replaced by the default when read. Keys nobody declared hold free JSON.
 */
import { msg } from '../../schema/messages';
import {
  RULE_SETTING_DEFAULTS,
  ruleSettingType,
  SETTING_TYPE_LABELS,
  typedSettingValue,
  type RuleSettingKey,
  type SettingType,
} from '../../schema/rules/settings';
import { BUSINESS_TIME_ZONE_SETTING } from '../../schema/time-zone';
import { COMPANY_SETTINGS } from '../../schema/company-settings';
import { validationError } from '../errors';
import type { WriteHooks } from './hooks';

export function declaredSettingType(key: unknown): SettingType | undefined {
  if (typeof key !== 'string') return undefined;
  if (Object.hasOwn(RULE_SETTING_DEFAULTS, key)) return ruleSettingType(key as RuleSettingKey);
  if (Object.hasOwn(COMPANY_SETTINGS, key)) return 'text';
  if (key === BUSINESS_TIME_ZONE_SETTING) return 'time_zone';
  return undefined;
}

export const SETTINGS_HOOKS: Record<string, WriteHooks> = {
  settings: {
    beforeWrite(ctx, values, current) {
      if (!('key' in values) && !('value' in values)) return;
      const key = values.key ?? current?.key;
      const type = declaredSettingType(key);
      if (!type) return;
      const value = 'value' in values ? values.value : current?.value;
      const typed = typedSettingValue(type, value);
      if (typed === undefined) {
        const m = msg(ctx.lang, 'setting_type', { key: String(key), expected: SETTING_TYPE_LABELS[type][ctx.lang === 'en' ? 1 : 0] });
        throw validationError(m, { value: m });
      }
      values.value = typed;
    },
  },
};
