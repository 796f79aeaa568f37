/**
 * The rule thresholds: every `{key = default}` of RULES.md, plus the licence-expiry warning windows of the
 * QA lists. Stored in table `settings` (key → JSON value, editable by admin); `resolveSettings` reads
 * those rows and falls back to the default for a missing or unusable value.
 */
import type { Label } from '../enums';
import { validTimeZone } from '../time-zone';

export interface RuleSettings {
  /** a contract of at least this amount needs the general manager's approval (第五篇 3.3.2) */
  majorContractAmount: number;
  /** days after outbound for the arrival verification of special-control drugs (第二篇 3.11) */
  specialArrivalDays: number;
  /** days after outbound for the salesperson's receipt confirmation (第五篇 5.5) */
  receiptConfirmDays: number;
  /** days after receipt for investigation, measures and feedback on a complaint (第四篇 二.2) */
  complaintDays: number;
  /** days after a recall starts for notifying every customer who received the batch (第二篇 3.14) */
  recallNoticeDays: number;
  /** days after receipt for forwarding an adverse-reaction report to QA (第一篇 3) */
  adrDays: number;
  /** days for reporting a quality feedback form to QA (第三篇 七) */
  feedbackDays: number;
  /** warning windows (days before valid_to) of the licence / authorisation expiry lists, ascending */
  licenseExpiryWarningDays: readonly number[];
  /** days a lapsed labour contract, permit or failed training is tolerated before a sale is refused (SALESPERSON_UNQUALIFIED) */
  qualificationGraceDays: number;
}
export type RuleSettingKey = keyof RuleSettings;

export const RULE_SETTING_DEFAULTS: Readonly<RuleSettings> = Object.freeze({
  majorContractAmount: 500000,
  specialArrivalDays: 7,
  receiptConfirmDays: 15,
  complaintDays: 15,
  recallNoticeDays: 1,
  adrDays: 15,
  feedbackDays: 7,
  licenseExpiryWarningDays: Object.freeze([30, 60, 90]),
  qualificationGraceDays: 30,
});

/** Descriptions for the settings table (zh, en). */
export const RULE_SETTING_LABELS: Readonly<Record<RuleSettingKey, Label>> = {
  majorContractAmount: ['重大合同金额（元），达到该金额须总经理审批', 'Major contract amount (CNY): needs the general manager'],
  specialArrivalDays: ['特药出库后到货核实期限（天）', 'Days after outbound to verify arrival of special-control drugs'],
  receiptConfirmDays: ['出库后销售员确认收货期限（天）', 'Days after outbound for the salesperson to confirm receipt'],
  complaintDays: ['投诉处理与反馈期限（天）', 'Days to investigate, act on and answer a complaint'],
  recallNoticeDays: ['召回开始后通知客户停止使用期限（天）', 'Days after a recall starts to notify customers'],
  adrDays: ['不良反应报告转交质管部期限（天）', 'Days to forward an adverse-reaction report to QA'],
  feedbackDays: ['质量信息反馈表上报质管部期限（天）', 'Days to report a quality feedback form to QA'],
  licenseExpiryWarningDays: ['证照到期预警天数（如 30、60、90）', 'Licence expiry warning windows in days (e.g. 30, 60, 90)'],
  qualificationGraceDays: [
    '劳动合同、上岗证到期或培训不合格后仍可销售的宽限期（天），过后拒绝销售和签发授权书',
    'Days a lapsed labour contract, permit or failed training is tolerated before sales and letters are refused',
  ],
};

/** The short name a screen shows for each key (zh, en): the camelCase key is never shown alone. */
export const RULE_SETTING_NAMES: Readonly<Record<RuleSettingKey, Label>> = {
  majorContractAmount: ['重大合同金额', 'Major contract amount'],
  specialArrivalDays: ['特药到货核实期限', 'Special-drug arrival check'],
  receiptConfirmDays: ['收货确认期限', 'Receipt confirmation'],
  complaintDays: ['投诉处理期限', 'Complaint handling'],
  recallNoticeDays: ['召回通知期限', 'Recall notice'],
  adrDays: ['不良反应转交期限', 'Adverse-reaction forwarding'],
  feedbackDays: ['质量反馈上报期限', 'Quality feedback reporting'],
  licenseExpiryWarningDays: ['证照到期预警天数', 'Licence expiry warning days'],
  qualificationGraceDays: ['销售人员资质宽限期', 'Qualification grace period'],
};

/** The declared type of each threshold: what an admin may store (anything else is refused, never replaced). */
export type SettingType = 'amount' | 'days' | 'day_list' | 'text' | 'time_zone';
export const SETTING_TYPE_LABELS: Readonly<Record<SettingType, Label>> = {
  amount: ['不小于 0 的数字（元）', 'a number ≥ 0 (CNY)'],
  days: ['不小于 0 的整数（天）', 'a whole number of days ≥ 0'],
  day_list: ['由不小于 0 的整数（天）组成的非空列表，如 [30, 60, 90]', 'a non-empty list of whole numbers of days ≥ 0, e.g. [30, 60, 90]'],
  text: ['文本', 'text'],
  time_zone: ['IANA 时区名称，如 Asia/Shanghai', 'an IANA time zone name, e.g. Asia/Shanghai'],
};
export const ruleSettingType = (key: RuleSettingKey): SettingType =>
  key === 'licenseExpiryWarningDays' ? 'day_list' : key === 'majorContractAmount' ? 'amount' : 'days';

const isDayCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The value as stored when it has the type (a day list sorted, without repeats), else undefined. */
export function typedSettingValue(type: SettingType, v: unknown): unknown {
  switch (type) {
    case 'amount':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
    case 'days':
      return isDayCount(v) ? v : undefined;
    case 'day_list':
      return Array.isArray(v) && v.length > 0 && v.every(isDayCount) ? [...new Set(v as number[])].sort((a, b) => a - b) : undefined;
    case 'text':
      return typeof v === 'string' ? v : undefined;
    case 'time_zone':
      return validTimeZone(v);
  }
}

function positiveNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function parseJsonish(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function windows(v: unknown): number[] | undefined {
  const raw = parseJsonish(v);
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[、，,;；\s]+/) : undefined;
  if (!list) return undefined;
  const nums = list.map(positiveNumber);
  if (nums.length === 0 || nums.some((n) => n === undefined || !Number.isInteger(n))) return undefined;
  return [...new Set(nums as number[])].sort((a, b) => a - b);
}

/**
 * Settings from table rows (`[{ key, value }]`, value as stored: JSON text or a plain value) or from a
 * plain object; unknown keys are ignored, unusable values fall back to the defaults.
 */
export function resolveSettings(input?: Partial<Record<string, unknown>> | readonly { key: string; value: unknown }[] | null): RuleSettings {
  const given: Record<string, unknown> = {};
  if (Array.isArray(input)) for (const row of input) given[row.key] = row.value;
  else if (input) Object.assign(given, input);
  const out: RuleSettings = { ...RULE_SETTING_DEFAULTS };
  for (const key of Object.keys(RULE_SETTING_DEFAULTS) as RuleSettingKey[]) {
    if (given[key] === undefined || given[key] === null) continue;
    if (key === 'licenseExpiryWarningDays') {
      out.licenseExpiryWarningDays = windows(given[key]) ?? RULE_SETTING_DEFAULTS.licenseExpiryWarningDays;
    } else {
      const n = positiveNumber(parseJsonish(given[key]));
      if (n !== undefined && (key === 'majorContractAmount' || Number.isInteger(n))) out[key] = n;
    }
  }
  return out;
}
