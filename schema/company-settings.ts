/**
 * Our own company's rows in `settings` (printed on documents): key → [description zh, en], and the short
 * Chinese/English name a screen shows for the key (a user never reads the camelCase key alone).
 */
import type { Label } from './enums';

export const COMPANY_SETTINGS = {
  companyName: ['本企业名称（打印单据抬头）', 'Company name (printed on documents)'],
  companyAddress: ['本企业地址', 'Company address'],
  companyLegalRep: ['本企业法定代表人', 'Company legal representative'],
  companyPhone: ['本企业联系电话', 'Company phone'],
  companyQualityContact: ['质量负责人及联系方式（召回通知、质量反馈）', 'Quality contact (recall notices, feedback)'],
} as const;
export type CompanySettingKey = keyof typeof COMPANY_SETTINGS;

export const COMPANY_SETTING_NAMES: Readonly<Record<CompanySettingKey, Label>> = {
  companyName: ['本企业名称', 'Company name'],
  companyAddress: ['本企业地址', 'Company address'],
  companyLegalRep: ['本企业法定代表人', 'Legal representative'],
  companyPhone: ['本企业联系电话', 'Company phone'],
  companyQualityContact: ['质量负责人', 'Quality contact'],
};
