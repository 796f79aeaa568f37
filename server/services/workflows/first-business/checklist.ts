/** The first-business checklist of a customer or product, as of today, and the guard the approve verbs use. */
import { and, eq } from 'drizzle-orm';
import { msg } from '../../../../schema/messages';
import { ROLE } from '../../../../schema/enums';
import { signatures, users } from '../../../../schema/tables';
import type { Db } from '../../../db';
import { badRequest } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { createSqlContext, settled } from '../../rules/sql-context';
import { describeFailing, failing, type Checklist } from './check';
import { customerChecks, type CustomerFacts } from './customer-checks';
import { productChecks } from './product-checks';
import { customerScanChecks, productScanChecks } from '../../attachments/checks';
import type { ProductRow } from '../../../../schema/rules';

export type FirstBusinessResource = 'customers' | 'products';

/** `马丽（销售员）` for each credit-review signature of the customer. */
async function creditSigners(db: Db, id: number): Promise<string[]> {
  return (
    await db
      .select({ name: signatures.signer_name, roles: users.roles })
      .from(signatures)
      .leftJoin(users, eq(users.id, signatures.signer))
      .where(and(eq(signatures.resource, 'customers'), eq(signatures.record_id, id), eq(signatures.meaning, 'review_credit')))
      .all()
  ).map((s) => {
    const roles = ((s.roles ?? []) as string[]).filter((r) => ['sales', 'sales_head', 'finance'].includes(r));
    return roles.length ? `${s.name}（${roles.map((r) => ROLE.labels[r as 'sales'][0]).join('、')}）` : s.name;
  });
}

export async function firstBusinessChecklist(db: Db, asOf: string, resource: FirstBusinessResource, row: Row): Promise<Checklist> {
  const ctx = await createSqlContext(db, asOf);
  const checks =
    resource === 'customers'
      ? await (async () => {
          const signers = await creditSigners(db, row.id);
          return [...(await settled(ctx, () => customerChecks(row as unknown as CustomerFacts, ctx, signers))), ...(await customerScanChecks(db, row))];
        })()
      : [...(await settled(ctx, () => productChecks(row as unknown as ProductRow, ctx))), ...(await productScanChecks(db, row))];
  return { resource, id: row.id, asOf, qa_status: (row.qa_status as string) ?? null, ready: failing(checks).length === 0, checks };
}

/** QA may approve only while every blocking check passes (400 listing the failing ones). */
export async function assertFirstBusinessReady(ctx: ServiceContext, resource: FirstBusinessResource, row: Row): Promise<void> {
  const list = await firstBusinessChecklist(ctx.db, ctx.clock.today(), resource, row);
  if (!list.ready) throw badRequest(msg(ctx.lang, 'first_business_blocked', { checks: describeFailing(list.checks, ctx.lang) }));
}
