/**
 * Market and price information (第三篇 九, 第四篇 二.6「及时反馈给企业领导」): a report is sent to management and
 * each reader's receipt — who, in which role, when — is kept on it, one line per reader.
 */
import { eq } from 'drizzle-orm';
import { ROLE } from '../../../../schema/enums';
import { settings } from '../../../../schema/tables';
import { BUSINESS_TIME_ZONE_SETTING, DEFAULT_BUSINESS_TIME_ZONE, validTimeZone } from '../../../../schema/time-zone';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { refuse } from './text';

const MANAGEMENT = ['sales_head', 'sales_vp', 'gm'] as const;

/** `2025-06-30 16:05` in the business time zone: the receipt is read by people, on screen and in exports. */
async function localTime(ctx: ServiceContext, d: Date): Promise<string> {
  const row = (await ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, BUSINESS_TIME_ZONE_SETTING)).get()) as
    | { value: unknown }
    | undefined;
  const zone = validTimeZone(row?.value) ?? DEFAULT_BUSINESS_TIME_ZONE;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

export async function markRead(ctx: ServiceContext, row: Row): Promise<Record<string, unknown>> {
  const who = ctx.actor.display_name;
  const lines = ((row.read_receipts as string | null) ?? '').split('\n').filter(Boolean);
  if (lines.some((l) => l.startsWith(`${who}（`))) refuse(ctx, `您（${who}）已阅过这份市场信息`, `You (${who}) have already read this report`);
  const role = MANAGEMENT.find((r) => ctx.actor.roles.includes(r))!;
  const now = ctx.clock.now();
  lines.push(`${who}（${ROLE.labels[role][0]}）已阅 ${await localTime(ctx, now)}`);
  return { status: 'read', read_receipts: lines.join('\n'), last_read_at: now.toISOString() };
}
