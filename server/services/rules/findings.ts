/**
 * Keeps the `findings` table in step with what the rules say about a record: a new finding opens, one
 * that no longer fires is resolved, an unchanged one is left alone (an acknowledged or waived finding
 * keeps its status and its reviewer's note). Each change is audited in the caller's transaction.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Finding } from '../../../schema/rules';
import { findings } from '../../../schema/tables';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { liveRowsIn } from './bulk-rows';
import type { FindingContext } from './finding-context';
import { detailOf, sameText } from './finding-text';

export type FindingRow = typeof findings.$inferSelect & Record<string, any>;
const ACTIVE = ['open', 'acknowledged', 'waived'];
const identity = (code: string, fields: readonly string[] | null | undefined) => `${code}|${[...(fields ?? [])].join(',')}`;

export interface SyncResult {
  opened: number;
  resolved: number;
  openedFindings: Finding[];
}

export async function syncFindings(
  ctx: ServiceContext,
  resource: string,
  recordId: number,
  evaluatedCodes: ReadonlySet<string>,
  found: readonly Finding[],
  extra: { import?: number | null; row?: number | null } & Partial<FindingContext> = {},
  /** the record's active findings when the caller loaded them for many records at once (activeFindingsOf) */
  active?: readonly FindingRow[],
): Promise<SyncResult> {
  const existing =
    active ??
    ((await ctx.db
      .select()
      .from(findings)
      .where(and(eq(findings.resource, resource), eq(findings.record_id, recordId), inArray(findings.status, ACTIVE)))
      .all()) as FindingRow[]);
  const now = ctx.clock.now().toISOString();
  const stamp = { updated_at: now, updated_by: ctx.actor.id };
  const current = new Map(existing.map((f) => [identity(f.rule, f.fields as string[]), f]));
  const fired = new Set<string>();
  let opened = 0;
  let resolved = 0;
  const openedFindings: Finding[] = [];
  for (const f of found) {
    const key = identity(f.code, f.fields);
    if (fired.has(key)) continue;
    fired.add(key);
    const had = current.get(key);
    if (had) {
      if (!sameText(had, f))
        await ctx.db
          .update(findings)
          .set({ message: f.message.zh, detail: detailOf(f), ...stamp })
          .where(eq(findings.id, had.id))
          .run();
      continue;
    }
    const row = await ctx.db
      .insert(findings)
      .values({
        rule: f.code,
        severity: f.severity,
        resource,
        record_id: recordId,
        import: extra.import ?? null,
        row: extra.row ?? null,
        customer: extra.customer ?? null,
        salesperson: extra.salesperson ?? null,
        product: extra.product ?? null,
        batch: extra.batch ?? null,
        record_date: extra.record_date ?? null,
        fields: f.fields,
        message: f.message.zh,
        detail: detailOf(f),
        status: 'open',
        created_at: now,
        created_by: ctx.actor.id,
        ...stamp,
      })
      .returning()
      .get();
    await writeAudit(ctx, 'create', 'findings', row.id, null, row, null);
    openedFindings.push(f);
    opened++;
  }
  for (const [key, f] of current) {
    if (fired.has(key) || !evaluatedCodes.has(f.rule) || f.status === 'waived') continue;
    const row = await ctx.db
      .update(findings)
      .set({ status: 'resolved', reviewed_at: now, note: '复核时规则不再触发 / no longer fires on re-check', version: (f.version ?? 1) + 1, ...stamp })
      .where(eq(findings.id, f.id))
      .returning()
      .get();
    await writeAudit(ctx, 'update', 'findings', f.id, f, row, '规则复核');
    resolved++;
  }
  return { opened, resolved, openedFindings };
}

/** Whether syncFindings would change anything for these findings of a record (without writing). */
export function findingsChange(evaluatedCodes: ReadonlySet<string>, found: readonly Finding[], active: readonly FindingRow[]): boolean {
  const current = new Map(active.map((f) => [identity(f.rule, f.fields as string[]), f]));
  const fired = new Set<string>();
  for (const f of found) {
    const key = identity(f.code, f.fields);
    if (fired.has(key)) continue;
    fired.add(key);
    const had = current.get(key);
    if (!had || !sameText(had, f)) return true;
  }
  for (const [key, f] of current) if (!fired.has(key) && evaluatedCodes.has(f.rule) && f.status !== 'waived') return true;
  return false;
}

/** The active findings of many records of one kind, by record id (one query; for a batch of syncFindings). */
export async function activeFindingsOf(ctx: ServiceContext, resource: string, recordIds: readonly number[]): Promise<Map<number, FindingRow[]>> {
  const out = new Map<number, FindingRow[]>(recordIds.map((id) => [id, []]));
  if (!recordIds.length) return out;
  const rows = (await liveRowsIn(ctx.db, findings, 'record_id', recordIds, {
    sql: `resource = ? AND status IN (${ACTIVE.map(() => '?').join(', ')})`,
    params: [resource, ...ACTIVE],
    voided: true,
  })) as FindingRow[];
  for (const f of rows) out.get(f.record_id!)?.push(f);
  return out;
}

/** A voided record's open findings are resolved with it. */
export async function resolveAllFor(ctx: ServiceContext, resource: string, recordId: number): Promise<SyncResult> {
  const open = (await ctx.db
    .select()
    .from(findings)
    .where(and(eq(findings.resource, resource), eq(findings.record_id, recordId), inArray(findings.status, ['open', 'acknowledged'])))
    .all()) as FindingRow[];
  const now = ctx.clock.now().toISOString();
  for (const f of open) {
    const row = await ctx.db
      .update(findings)
      .set({
        status: 'resolved',
        reviewed_at: now,
        note: '记录已作废 / record voided',
        version: (f.version ?? 1) + 1,
        updated_at: now,
        updated_by: ctx.actor.id,
      })
      .where(eq(findings.id, f.id))
      .returning()
      .get();
    await writeAudit(ctx, 'update', 'findings', f.id, f, row, '记录已作废');
  }
  return { opened: 0, resolved: open.length, openedFindings: [] };
}
