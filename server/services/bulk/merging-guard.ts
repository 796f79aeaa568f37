/**
 * A ledger import's records appear while its merge still runs (short transactions: ledger-merge.ts), and a
 * merge that fails or whose process dies is removed again by its import id (merge-recovery.ts). An edit or a
 * void of such a record meanwhile would be lost with it, so both wait for the import to be done (409).
 */
import { msg } from '../../../schema/messages';
import { conflict } from '../../errors';
import type { ServiceContext } from '../context';
import { sql } from 'drizzle-orm';
import { sqlOf } from '../../db/dialect';
import type { Row } from '../records';

export async function refuseWhileMerging(ctx: ServiceContext, current: Row): Promise<void> {
  const imp = current.import_id;
  if (imp == null) return;
  const merging = await ctx.db.get(
    sql`SELECT 1 AS merging FROM imports WHERE id = ${imp} AND status = 'running' AND ${sqlOf(ctx.db).jsonField(sql`counts`, 'merging')} IS NOT NULL`,
  );
  if (merging) throw conflict(msg(ctx.lang, 'import_merging', { id: String(imp) }));
}
