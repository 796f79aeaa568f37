/** The demo company's letterhead (the settings the printed documents use), so demo documents read like real ones. */
import { eq } from 'drizzle-orm';
import { registry } from '../../schema/resources';
import { settings } from '../../schema/tables';
import type { CompanySettingKey } from '../../schema/company-settings';
import { updateRecord } from '../services/write';
import type { Writer } from './writer';

const DEMO_COMPANY: Record<CompanySettingKey, string> = {
  companyName: '湖北康禾医药有限公司',
  companyAddress: '湖北省武汉市东西湖区金银潭大道 88 号',
  companyLegalRep: '宋建华',
  companyPhone: '027-83921100',
  companyQualityContact: '质量管理部 邹敏 027-83921106',
};

export async function seedCompanySettings(w: Writer): Promise<void> {
  const ctx = w.current;
  for (const [key, value] of Object.entries(DEMO_COMPANY)) {
    const row = await ctx.db.select({ id: settings.id, version: settings.version }).from(settings).where(eq(settings.key, key)).get();
    if (row) await updateRecord(ctx, registry.get('settings')!, row.id, { value, version: row.version }, { reason: '演示数据' });
  }
}
