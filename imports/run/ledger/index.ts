/**
 * The `sales-ledger` import. Phase 1 (no lock on the main database): stream the rows, normalise, resolve
 * against the master data loaded once, group into orders, evaluate every row's rules with an in-memory
 * RuleContext, and stage records, findings and rejected rows in a temp SQLite file beside the database.
 * Phase 2, the engine's (writer.ts): SQLite server/services/bulk/ledger-merge.ts (short IMMEDIATE transactions),
 * PostgreSQL server/services/bulk/pg-merge.ts (COPY, then one transaction). A dry run stops after phase 1.
 */
import os from 'node:os';
import type { Cell } from '../../../schema/files/cells';
import { headerLookup } from '../fields';
import { imsg } from '../messages';
import { stagingPath } from '../files';
import type { RunEnv } from '../env';
import type { ImportResult } from '../types';
import { loadMaster } from './master-data';
import { ledgerWriter } from './writer';
import { OrderBuilder } from './orders';
import { findingSink } from './rules-eval';
import { Resolver, type RowError } from './resolver';
import { Staging } from './staging';
import { useStagingThread } from './staging-thread';
import { ledgerGuard } from './guard';
import { LEGACY_UNTRUSTED } from '../legacy';
import { finishImport } from '../finish';
import { threadCpuMs } from '../thread-cpu';
import { readEnv } from '../../../server/env';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const NUMBERS = [
  ['quantity', '数量', 'quantity'],
  ['unit_price', '单价', 'unit price'],
  ['amount', '金额', 'amount'],
] as const;

export async function runLedger(env: RunEnv): Promise<ImportResult> {
  const { opts, table, lang } = env;
  const db = opts.db;
  const timing = readEnv().GSP_IMPORT_TIMING
    ? (label: string, t0: number) =>
        process.stderr.write(
          `[import] ${label}: ${(performance.now() - t0).toFixed(0)} ms (cpu ${cpuMs().toFixed(0)} ms total, the import thread's ${threadCpuMs() ?? '?'} ms)\n`,
        )
    : null;
  const t0 = performance.now();
  // since the process started: start-up, opening the file and the database, finding the table
  if (timing) timing('start-up until the rows are read', 0);
  const master = await loadMaster(db, opts.clock.today());
  const writer = await ledgerWriter(db);
  const staging = new Staging(stagingPath(db, os.tmpdir()), { thread: useStagingThread(env.size) });
  try {
    const headerOf = headerLookup(table.kind, table.columns);
    const guard = await ledgerGuard(db, opts.actor, env.fileName);
    // the ledger's review columns whose step the user could not grant (none for QA/admin-like roles)
    const untrusted = (
      [
        ['reviewed_by', 'outbound_slips'],
        ['price_approved_by', 'sales_lines'],
        ['special_verified_by', 'special_checks'],
      ] as const
    )
      .filter(([, kind]) => !guard.trust[kind])
      .map(([k]) => k);
    // with a staging thread the new orders' rules are evaluated there (rules-eval.ts); the records created follow
    master.ctx = staging.evaluateRules(master.ctx, () => ({
      data: master.data,
      facts: { file: guard.file, by: guard.by },
      lang,
      kindFields: table.kind.fields.map(({ key, label }) => ({ key, label })),
      columns: table.columns,
    }));
    const resolver = new Resolver(master, staging, lang, headerOf, guard);
    const orders = new OrderBuilder(staging, writer.main, master.ctx, findingSink(staging, lang, headerOf), !!opts.force, guard);
    const normalize = table.normalizer({ date1904: env.book.date1904 });
    let rows = 0;
    let rejected = 0;
    let latestDate: string | undefined;
    const progress = env.progress;
    for await (const r of table.rows()) {
      progress.rows(++rows);
      const n = normalize(r);
      const v = n.values as Record<string, any>;
      const errors: RowError[] = n.errors.length ? n.errors.map((e) => ({ field: headerOf(e.field), message: lang === 'en' ? e.en : e.zh })) : [];
      if (!errors.length) {
        if (v.sale_date == null) errors.push({ field: headerOf('sale_date'), message: imsg(lang, 'missing_sale_date') });
        for (const [k, zh, en] of NUMBERS) {
          if (v[k] == null) errors.push({ field: headerOf(k), message: imsg(lang, 'missing_number', { field: lang === 'en' ? en : zh }) });
        }
      }
      let product = 0;
      let customer = 0;
      let batch: number | null = null;
      let salesperson: number | null = null;
      // a scoped user's 业务员 first: a row outside their own scope creates nothing
      if (!errors.length && guard.scoped) {
        const s = resolver.salesperson(v, r.row)!;
        if ('error' in s) errors.push(s.error);
        else salesperson = s.id;
      }
      if (!errors.length) {
        const p = resolver.product(v, r.row);
        if ('error' in p) errors.push(p.error);
        else product = p.id;
      }
      if (!errors.length) {
        const c = resolver.customer(v, r.row);
        if ('error' in c) errors.push(c.error);
        else customer = c.id;
      }
      if (!errors.length) {
        const b = resolver.batch(product, v, r.row);
        if (b && 'error' in b) errors.push(b.error);
        else batch = b?.id ?? null;
      }
      if (!errors.length && !guard.scoped) {
        const s = resolver.salesperson(v, r.row);
        if (s && 'error' in s) errors.push(s.error);
        else salesperson = s?.id ?? null;
      }
      const line = { row: r.row, v, customer, product, batch, salesperson, contract: errors.length ? null : resolver.contract(v, r.row).id };
      const added = errors.length ? null : orders.add(line);
      if (added === 'foreign') {
        errors.push({ field: headerOf('order_no'), message: imsg(lang, 'not_own_order', { value: String(v.order_no ?? '') }) });
      } else if (added === 'imported' && untrusted.length) {
        // reviews the user could not grant: kept as unverified legacy facts, and said so on the row
        const claimed = untrusted.filter((k) => v[k] != null && v[k] !== '').map(headerOf);
        if (claimed.length)
          staging.reportFinding(
            r.row,
            LEGACY_UNTRUSTED,
            'warning',
            claimed,
            imsg(lang, 'legacy_untrusted_ledger', { fields: claimed.join(lang === 'en' ? ', ' : '、') }),
            null,
          );
      }
      if (!errors.length && typeof v.sale_date === 'string' && (!latestDate || v.sale_date > latestDate)) latestDate = v.sale_date.slice(0, 10);
      if (errors.length) {
        staging.reject(r.row, env.rawOf(r.cells as Cell[]), errors);
        rejected++;
      }
    }
    await progress.phase('checking', rows); // the orders still open are checked and staged
    orders.finishScattered();
    staging.commit();
    if (timing && orders.evalMs) process.stderr.write(`[import] rule evaluation: ${orders.evalMs.toFixed(0)} ms cpu\n`);
    timing?.('phase 1 (read, resolve, rules, stage)', t0);

    const counts = { rows, imported: orders.stats.imported, rejected, duplicates: orders.stats.duplicates };
    const created = Object.fromEntries(Object.entries(resolver.created).filter(([, list]) => list.length));
    const unresolved = resolver.unresolved.contracts.length ? { contracts: resolver.unresolved.contracts } : undefined;
    const tail = { created, unresolved, skipped: table.skipped.length ? table.skipped : undefined, latestDate };

    if (opts.dryRun) {
      return await finishImport(env, { importId: null, counts, staging, tail });
    }
    await progress.phase('merging', rows);
    await opts.beforeMerge?.();
    const t1 = performance.now();
    const result = await finishImport(env, {
      importId: null,
      counts,
      staging,
      tail,
      // the engine's merge (writer.ts)
      merge: async (values, ctx) => {
        const m = await writer.merge(ctx, staging, values, { force: !!opts.force, reason: env.reason });
        timing?.('phase 2 (merge)', t1);
        return m;
      },
    });
    timing?.('report', t1);
    return result;
  } finally {
    staging.close(true);
    writer.close();
  }
}
