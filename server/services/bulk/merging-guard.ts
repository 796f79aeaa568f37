/**
 * A ledger import's records appear while its merge still runs (short transactions: ledger-merge.ts), and a
 * merge that fails or whose process dies is removed again by its import id (merge-recovery.ts). An edit or a
 * void of such a record meanwhile would be lost with it, so both wait for the import to be done (409).
 */
import { msg } from '../../../schema/messages';
import { conflict } from '../../errors';
import type { ServiceContext } from '../context';
import { clientOf, type Row } from '../records';

export function refuseWhileMerging(ctx: ServiceContext, current: Row): void {
  const imp = current.import_id;
  if (imp == null) return;
  const merging = clientOf(ctx.db)
    .prepare("SELECT 1 FROM imports WHERE id = ? AND status = 'running' AND json_extract(counts, '$.merging') IS NOT NULL")
    .get(imp);
  if (merging) throw conflict(msg(ctx.lang, 'import_merging', { id: String(imp) }));
}
