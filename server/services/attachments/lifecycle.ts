/**
 * A new or replaced scan on a record whose approval covered its scans (schema/lifecycle.ts `attachments`:
 * a customer, its licences and agents, a product) returns the approved record — or the licence's / agent's
 * customer — to review, exactly as a change to a covered field does: the review's reset written as a step,
 * an APPROVAL_SUPERSEDED finding naming the scan, the old signature shown superseded.
 */
import type { Resource } from '../../../schema/define';
import { LIFECYCLE } from '../../../schema/lifecycle';
import { registry } from '../../../schema/resources';
import { APPROVAL_SUPERSEDED } from '../../../schema/rules';
import type { ServiceContext } from '../context';
import { raiseSuperseded } from '../lifecycle';
import { findRow, type Row } from '../records';
import { applyChanges } from '../write';

/** `label`: how the change is named in the finding (证照扫描件 of 购货单位证照 #3). Returns the records sent back. */
export async function scanSupersedes(ctx: ServiceContext, resource: Resource, record: Row, label: string): Promise<string[]> {
  const own = LIFECYCLE[resource.name];
  const targets: [Resource, Row][] = [];
  if (own?.review?.attachments) targets.push([resource, record]);
  if (own?.reviewsParent?.attachments && resource.parent) {
    const parentRes = registry.get(resource.parent.resource)!;
    const parentId = record[resource.parent.field];
    const parent = typeof parentId === 'number' ? await findRow(ctx.db, parentRes, parentId) : undefined;
    if (parent) targets.push([parentRes, parent]);
  }
  const sent: string[] = [];
  for (const [res, row] of targets) {
    const review = LIFECYCLE[res.name]?.review;
    if (!review || row.voided_at || !review.approved(row)) continue;
    const after = await applyChanges(ctx, res, row, { ...review.reset }, { reason: APPROVAL_SUPERSEDED });
    await raiseSuperseded(ctx, res, after, review, ['attachments'], [label]);
    sent.push(`${res.name}/${row.id}`);
  }
  return sent;
}
