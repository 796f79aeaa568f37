/**
 * Import of a registry resource (master data and other small files): every row goes through the write
 * services (createRecord / updateRecord, historical, audited), all in ONE transaction with the imports
 * row, so a failure leaves nothing. A row whose natural key exists updates that record (an unchanged
 * row is a duplicate); a row the services refuse is rejected with their reasons, the others go on.
 * Rules are deferred and evaluated once at the end (flushRules); the findings on the rows' records are
 * linked to the import and row. A dry run does all of it and rolls back.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { canGrant, takeLegacy, type LegacyFacts } from '../../schema/legacy';
import { msg } from '../../schema/messages';
import { ownScope } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import { findings as findingsTable, importRejects, imports } from '../../schema/tables';
import { ServiceError } from '../../server/errors';
import { writeAudit } from '../../server/services/audit';
import { inTransaction, type ServiceContext } from '../../server/services/context';
import { flushRules } from '../../server/services/rules/enforce';
import { createRecord, updateRecord } from '../../server/services/write';
import type { Cell } from '../../schema/files/cells';
import type { RunEnv } from './env';
import { headerLookup, resourceFindingHeaders } from './fields';
import { emitReport, storeAndWrite, type Written } from './finish';
import { createImportRow, type ImportRowValues } from '../../server/services/bulk';
import { findingMessage } from '../../server/services/rules/finding-text';
import { legacyNotice } from './legacy';
import { imsg } from './messages';
import { existingRecord, resolveRefs } from './resolve-refs';
import type { Counts, ImportResult, ReportFinding, ReportReject } from './types';

interface Item {
  row: number;
  cells: Cell[];
  values: Record<string, unknown>;
  errors: Array<{ field: string; message: string }>;
}

class DryRun extends Error {
  constructor(readonly result: Outcome) {
    super('dry run');
  }
}

interface Outcome extends Written {
  counts: Counts;
  findings: ReportFinding[];
  rejected: ReportReject[];
}

const blank = (v: unknown) => v == null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && !v.length);

export async function runMaster(env: RunEnv): Promise<ImportResult> {
  const { table, lang, opts } = env;
  const res = registry.get(table.kind.kind)!;
  const headerOf = headerLookup(table.kind, table.columns);
  const normalize = table.normalizer({ date1904: env.book.date1904 });
  const items: Item[] = [];
  for await (const r of table.rows()) {
    env.progress.rows(items.length + 1);
    const n = normalize(r);
    items.push({
      row: r.row,
      cells: r.cells,
      values: n.values,
      errors: n.errors.map((e) => ({ field: headerOf(e.field), message: lang === 'en' ? e.en : e.zh })),
    });
  }
  const rowsCount = items.length;
  // references, the write services and the rules: one transaction (its writes are the merge)
  await env.progress.phase('checking', rowsCount);
  const process = (values: ImportRowValues, base: ServiceContext): Promise<Outcome> =>
    inTransaction({ ...base, deferredRules: new Map() }, (tx) => importRows(env, tx, res, items, values, headerOf, rowsCount));

  if (opts.dryRun) {
    let outcome: Outcome;
    try {
      await process(env.importRowValues({ rows: rowsCount, imported: 0, rejected: 0, duplicates: 0 }, ''), env.ctx);
      throw new Error('dry run did not roll back');
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
      outcome = e.result;
    }
    return emitReport(env, null, outcome.counts, outcome.findings, outcome.rejected, { skipped: table.skipped.length ? table.skipped : undefined });
  }
  let outcome: Outcome | undefined;
  await storeAndWrite(env, { rows: rowsCount, imported: 0, rejected: 0, duplicates: 0 }, async (values, ctx) => (outcome = await process(values, ctx)));
  return emitReport(env, outcome!.importId, outcome!.counts, outcome!.findings, outcome!.rejected, {
    skipped: table.skipped.length ? table.skipped : undefined,
    records: outcome!.records,
  });
}

async function importRows(
  env: RunEnv,
  tx: ServiceContext,
  res: Resource,
  items: Item[],
  values: ImportRowValues,
  headerOf: (k: string) => string,
  rows: number,
): Promise<Outcome> {
  const { lang, opts } = env;
  // tx.db: the transaction's connection on either engine
  const importId = await createImportRow(tx, values, 'running');
  const reason = `${env.reason} #${importId}`;
  const lastFinding = ((await tx.db.get(sql`SELECT COALESCE(max(id), 0) AS id FROM findings`)) as { id: number }).id;
  const counts: Counts = { rows, imported: 0, rejected: 0, duplicates: 0 };
  const rejected: ReportReject[] = [];
  const recordRow = new Map<number, number>();
  const notices: ReportFinding[] = [];
  // whether the importing user could grant the approvals a file claims: decided once for the file
  const trusted = canGrant(tx.actor.roles, res.name);
  let created = 0;
  let updated = 0;
  const reject = async (item: Item, errors: ReportReject['errors']) => {
    counts.rejected++;
    rejected.push({ row: item.row, errors });
    const at = now(tx);
    const stamp = { version: 1, created_at: at, created_by: tx.actor.id, updated_at: at, updated_by: tx.actor.id, import_id: importId };
    await tx.db
      .insert(importRejects)
      .values({ ...stamp, import: importId, row: item.row, raw: env.rawOf(item.cells), errors } as never)
      .run();
  };
  // a scoped user's row for someone else's record: name the column (销售人员) and the value
  const scopePath = ownScope(tx.actor.roles, res.name, 'create');
  const scopeField = scopePath && !scopePath.includes('.') ? scopePath : null;
  let current: Item | null = null;
  const outsideScope = (e: ServiceError) => {
    if (e.status !== 403 || !scopeField || e.message !== msg(lang, 'forbidden_record') || !current) return null;
    const header = headerOf(scopeField);
    return { field: header, message: imsg(lang, 'not_own_record', { field: header, value: env.rawOf(current.cells)[header] ?? '' }) };
  };
  for (const item of items) {
    current = item;
    if (item.errors.length) {
      await reject(item, item.errors);
      continue;
    }
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item.values)) if (!blank(v)) input[k] = v;
    const refErrors = await resolveRefs(tx.db, res, input, lang, headerOf);
    if (refErrors.length) {
      await reject(item, refErrors);
      continue;
    }
    // approvals the file claims: facts of the legacy system beside the record, never our approval fields
    const claimed = takeLegacy(res.name, input);
    const legacyFacts: LegacyFacts | null = Object.keys(claimed).length
      ? { file: env.fileName, rows: [item.row], by: tx.actor.username, trusted, fields: claimed }
      : null;
    const wopts = { historical: true, imported: true, reason, legacyFacts: legacyFacts as Record<string, unknown> | null };
    try {
      const id = await existingRecord(tx.db, res, input);
      if (id != null) {
        const before = (await tx.db
          .select({ version: res.table.version, ...(legacyFacts && { legacy: res.table.legacy_facts }) })
          .from(res.table)
          .where(eq(res.table.id, id))
          .get()) as { version: number; legacy: LegacyFacts | null } | undefined;
        // the same facts again (another file or row saying the same) leave the record as it is
        const same =
          legacyFacts && before?.legacy && before.legacy.trusted === trusted && JSON.stringify(before.legacy.fields) === JSON.stringify(legacyFacts.fields);
        const row = await updateRecord(tx, res, id, input, same ? { ...wopts, legacyFacts: null } : wopts);
        recordRow.set(id, item.row);
        if (res.system && before && row.version === before.version) counts.duplicates++;
        else {
          counts.imported++;
          updated++;
        }
      } else {
        const row = await createRecord(tx, res, input, wopts);
        if (res.system) await tx.db.run(sql`UPDATE ${sql.identifier(res.name)} SET import_id = ${importId} WHERE id = ${row.id}`);
        recordRow.set(row.id, item.row);
        counts.imported++;
        created++;
      }
      if (legacyFacts && !trusted) notices.push(legacyNotice(lang, item.row, res.name, Object.keys(claimed).map(headerOf), trusted));
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      const errs = Object.entries(e.errors ?? {})
        .filter(([k]) => k !== 'root')
        .map(([k, m]) => ({ field: k.startsWith('_') ? '' : headerOf(k), message: String(m) }));
      await reject(item, errs.length ? errs : [outsideScope(e) ?? { field: '', message: e.message }]);
    }
  }
  await flushRules(tx);
  // The findings on the rows' own records: linked to the import and row, and reported.
  const found = (await tx.db
    .select()
    .from(findingsTable)
    .where(and(gt(findingsTable.id, lastFinding), eq(findingsTable.resource, res.name), eq(findingsTable.status, 'open')))
    .all()) as Array<{
    id: number;
    record_id: number | null;
    rule: string;
    severity: 'error' | 'warning';
    fields: string[] | null;
    message: string;
    detail: unknown;
  }>;
  const findings: ReportFinding[] = [];
  for (const f of found) {
    const row = f.record_id != null ? recordRow.get(f.record_id) : undefined;
    if (row === undefined) continue;
    await tx.db.update(findingsTable).set({ import: importId, row }).where(eq(findingsTable.id, f.id)).run();
    findings.push({ row, rule: f.rule, severity: f.severity, fields: resourceFindingHeaders(f.fields ?? [], headerOf), message: findingMessage(f, lang) });
  }
  findings.push(...notices);
  findings.sort((a, b) => a.row - b.row);
  const records = { [res.name]: created, [`${res.name}.updated`]: updated };
  const final = { counts, status: 'done' as const, updated_at: now(tx) };
  await tx.db.update(imports).set(final).where(eq(imports.id, importId)).run();
  await writeAudit(tx, 'create', 'imports', importId, null, { id: importId, ...values, ...final, records }, env.reason);
  const outcome: Outcome = { importId, records, counts, findings, rejected };
  if (opts.dryRun) throw new DryRun(outcome);
  return outcome;
}

const now = (ctx: ServiceContext) => ctx.clock.now().toISOString();
