/**
 * The per-row count triggers a first load sets aside with the indexes it rebuilds (ledger-merge.ts): each
 * inserted row otherwise also updates its table's live count (row_counts, drizzle/0021_live_counts.sql) —
 * 0.7 µs a row, as much as the append itself once the indexes are dropped (100k ledger lines ≈ 520k merged
 * rows). So for the tables whose indexes are rebuilt the count triggers on insert and delete are dropped
 * with them and put back at the end with the table counted once — absolutely, so whatever anyone else wrote
 * meanwhile counts too. Recovery (merge-recovery.ts) puts them back the same way after a crash: the merge's
 * marker names them. (The orders' full-text trigger stays: its rebuild from the content table cost 2.5× the
 * CPU of the inserts it saves, 57k orders 0.28 s against 0.1 s.)
 * Only better-sqlite3 here: the database's open path uses this file.
 */
import type Database from 'better-sqlite3';

/** The triggers a bulk load may set aside: `restoreTriggers` counts their table again. */
const DEFERRABLE = /_count_(insert|delete)$/;

const q = (c: string) => `"${c}"`;

/** The set-aside-able triggers of `table` (name and CREATE statement). */
export function deferrableTriggers(sqlite: Database.Database, table: string): Array<{ name: string; sql: string }> {
  return (
    sqlite.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name").all(table) as Array<{
      name: string;
      sql: string;
    }>
  ).filter((t) => DEFERRABLE.test(t.name));
}

const TRIGGER = /^CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?(\w+)[`"]?\s+AFTER\s+(?:INSERT|DELETE)\s+ON\s+[`"]?(\w+)[`"]?/i;

/**
 * Puts the set-aside triggers back, one transaction per table (run through `tx`): its triggers and its count
 * taken again, together. Triggers already there are left as they are (a second recovery, or a merge that got
 * that far); the count is absolute, so running this twice is harmless.
 */
export function restoreTriggers(sqlite: Database.Database, sqls: readonly string[], tx: <T>(fn: () => T) => T): void {
  const exists = sqlite.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'trigger' AND name = ?");
  const byTable = new Map<string, Array<{ name: string; sql: string }>>();
  for (const sql of sqls) {
    const m = TRIGGER.exec(sql);
    if (m) byTable.set(m[2], [...(byTable.get(m[2]) ?? []), { name: m[1], sql }]);
  }
  for (const [table, triggers] of byTable)
    tx(() => {
      for (const t of triggers) if (!exists.get(t.name)) sqlite.exec(t.sql);
      recount(sqlite, table);
    });
}

/** The table's live and voided rows counted once into row_counts (the row re-made if an opening dropped it). */
function recount(sqlite: Database.Database, table: string): void {
  const voidable = sqlite.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'voided_at'").get(table);
  const all = sqlite
    .prepare(`SELECT count(*) FROM main.${q(table)}`)
    .pluck()
    .get() as number;
  // the partial index on `voided_at IS NOT NULL` answers this one without reading the rows
  const voided = voidable
    ? (sqlite
        .prepare(`SELECT count(*) FROM main.${q(table)} WHERE voided_at IS NOT NULL`)
        .pluck()
        .get() as number)
    : 0;
  sqlite
    .prepare('INSERT INTO main.row_counts (tbl, live, voided) VALUES (?, ?, ?) ON CONFLICT (tbl) DO UPDATE SET live = excluded.live, voided = excluded.voided')
    .run(table, all - voided, voided);
}
