/**
 * Market and price information (第三篇 九, 第四篇 二.6「及时反馈给企业领导」): a report is sent to management and
 * each reader's receipt — who, in which role, when — is kept on it, one line per reader.
 */
import { ROLE } from '../../../../schema/enums';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { refuse } from './text';

const MANAGEMENT = ['sales_head', 'sales_vp', 'gm'] as const;

export function markRead(ctx: ServiceContext, row: Row): Record<string, unknown> {
  const who = ctx.actor.display_name;
  const lines = ((row.read_receipts as string | null) ?? '').split('\n').filter(Boolean);
  if (lines.some((l) => l.startsWith(`${who}（`))) refuse(ctx, `您（${who}）已阅过这份市场信息`, `You (${who}) have already read this report`);
  const role = MANAGEMENT.find((r) => ctx.actor.roles.includes(r))!;
  const at = ctx.clock.now().toISOString();
  lines.push(`${who}（${ROLE.labels[role][0]}）已阅 ${at}`);
  return { status: 'read', read_receipts: lines.join('\n'), last_read_at: at };
}
