/**
 * A salesperson's assessment (第二篇 3.3 考核): the rule findings of the period are counted by the server —
 * every finding on the salesperson's records dated in the period, waived ones excepted — so the assessor
 * cannot leave them out.
 */
import { and, eq, gte, lte, ne, sql } from 'drizzle-orm';
import { findings } from '../../../../schema/tables';
import type { Db } from '../../../db';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { fieldError } from './text';

export async function findingsInPeriod(db: Db, salesperson: number, from: string, to: string): Promise<number> {
  const r = (await db
    .select({ n: sql<number>`count(*)` })
    .from(findings)
    .where(and(eq(findings.salesperson, salesperson), gte(findings.record_date, from), lte(findings.record_date, to), ne(findings.status, 'waived')))
    .get()) as { n: number };
  return r.n;
}

export async function fillAssessment(ctx: ServiceContext, values: Record<string, unknown>, current: Row | undefined): Promise<void> {
  const m = { ...(current ?? {}), ...values };
  const from = m.period_from as string | null,
    to = m.period_to as string | null;
  if (from && to && to < from) fieldError(ctx, 'period_to', `考核期止（${to}）早于考核期起（${from}）`, `The period ends (${to}) before it starts (${from})`);
  const score = m.score as number | null | undefined;
  if (score != null && (score < 0 || score > 100)) fieldError(ctx, 'score', '考核得分应在 0–100 之间', 'The score must be between 0 and 100');
  if (m.salesperson != null && from && to) values.findings_count = await findingsInPeriod(ctx.db, m.salesperson as number, from, to);
}
