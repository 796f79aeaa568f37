/**
 * Voiding a whole sales-ledger import (the imports/void-import verb, schema/workflows/imports.ts: finished
 * ledger imports only): every record it created — orders,
 * lines, slips, invoices, their links and checks, invoice lines, the pending customers, products, batches
 * and salespeople, its findings — is voided with the signed reason, in the verb's one transaction. Nothing
 * is erased (GSP). Refused, naming what stands in the way, when a record of the import was changed since
 * (someone worked on it) or a live record from elsewhere refers to one (a payment on an imported invoice, a
 * recall of an imported batch): voiding would pull the ground from under them. One audit row records the
 * voided counts per table (as the merge wrote one for the whole import).
 */
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import { badRequest } from '../../errors';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import type { Row } from '../records';
import { sql } from 'drizzle-orm';
import { sqlOf } from '../../db/dialect';

/** the import history itself and its rejected rows stay as they are */
const KEEP = new Set(['imports', 'import_rejects']);
/** derived records: QA reviewing them is not "working on the import's records" */
const DERIVED = new Set(['findings']);

export async function voidImport(ctx: ServiceContext, imp: Row, reason: string): Promise<Record<string, unknown>> {
  // portable SQL through the transaction's ctx.db (either engine)
  const db = ctx.db;
  const label = (name: string) => registry.get(name)!.label[ctx.lang === 'en' ? 1 : 0];
  const list = (parts: string[]) => parts.join(ctx.lang === 'en' ? ', ' : '、');
  const rows = (n: number) => (ctx.lang === 'en' ? `${n} ${n === 1 ? 'record' : 'records'}` : `${n} 条`);
  const t = (name: string) => sql.identifier(name);

  // the tables holding live records of this import
  const tables: Array<{ name: string; n: number; edited: number }> = [];
  for (const r of registry.values()) {
    if (r.system === false || KEEP.has(r.name)) continue;
    const c = (await db.get(
      sql`SELECT count(*) AS n, ${sqlOf(db).countWhere(sql`version > 1`)} AS edited FROM ${t(r.name)} WHERE import_id = ${imp.id} AND voided_at IS NULL`,
    )) as { n: number; edited: number };
    if (c.n) tables.push({ name: r.name, n: c.n, edited: c.edited });
  }
  const ours = new Set(tables.map((x) => x.name));

  const edited = tables.filter((x) => x.edited && !DERIVED.has(x.name));
  if (edited.length) throw badRequest(msg(ctx.lang, 'import_void_edited', { list: list(edited.map((x) => `${label(x.name)} ${rows(x.edited)}`)) }));

  // live records from elsewhere pointing at records of this import
  const blockers: string[] = [];
  for (const u of registry.values()) {
    if (u.system === false || DERIVED.has(u.name)) continue;
    for (const [col, spec] of Object.entries(u.fields)) {
      if (spec.kind !== 'ref' || !spec.ref || !ours.has(spec.ref)) continue;
      const n = (
        (await db.get(
          sql`SELECT count(*) AS n FROM ${t(u.name)} WHERE voided_at IS NULL AND import_id IS DISTINCT FROM ${imp.id} AND ${t(col)} IN (SELECT id FROM ${t(spec.ref)} WHERE import_id = ${imp.id})`,
        )) as { n: number }
      ).n;
      if (n) blockers.push(ctx.lang === 'en' ? `${label(u.name)} (${spec.label[1]}) ${rows(n)}` : `${label(u.name)}（${spec.label[0]}）${rows(n)}`);
    }
  }
  if (blockers.length) throw badRequest(msg(ctx.lang, 'import_void_referenced', { list: list(blockers) }));

  const now = ctx.clock.now().toISOString();
  const set = sql`voided_at = ${now}, voided_by = ${ctx.actor.id}, void_reason = ${reason}, version = version + 1, updated_at = ${now}, updated_by = ${ctx.actor.id}`;
  const voided: Record<string, number> = {};
  // the findings about these records go with them: the import's own and any written later (re-checks)
  let findings = 0;
  for (const x of tables) {
    if (x.name === 'findings') continue;
    findings += (
      await db.run(
        sql`UPDATE findings SET ${set} WHERE voided_at IS NULL AND resource = ${x.name} AND record_id IN (SELECT id FROM ${t(x.name)} WHERE import_id = ${imp.id})`,
      )
    ).changes;
  }
  for (const x of tables) {
    voided[x.name] = (await db.run(sql`UPDATE ${t(x.name)} SET ${set} WHERE import_id = ${imp.id} AND voided_at IS NULL`)).changes;
  }
  if (findings) voided.findings = (voided.findings ?? 0) + findings;
  await writeAudit(ctx, 'void', 'imports', imp.id, null, { id: imp.id, voided }, reason);
  return { status: 'voided' };
}
