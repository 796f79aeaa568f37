/**
 * Phase 1 on PostgreSQL: the order builder (orders.ts) reads the main database synchronously, row by row, with
 * better-sqlite3 statements (an order number already live, its lines, slips, invoice links and check). A
 * PostgreSQL query is a promise, so before phase 1 the rows it can ask for are copied into an in-memory SQLite
 * database shaped like the main one — those six tables' columns, booleans as 1/0 as SQLite answers them, JSON
 * as its text — and the builder's statements run there unchanged. The merge (server/services/bulk/pg-merge.ts)
 * checks again under the write lock what may have changed since (an order number taken meanwhile, a master
 * record created meanwhile), as the SQLite merge does after its unlocked phase 1.
 *
 * Cost: one keyset-paged read of the live rows of those tables — nothing on a first load; on a database that
 * already holds millions of ledger lines, seconds and their size in memory (listed in docs/postgres-port.md).
 * @db-sync the mirror is an in-memory SQLite connection, filled once, read synchronously by the order builder.
 */
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { pgTables } from '../../../schema/pg/tables';
import type { Db } from '../../../server/db';

/** The tables the order builder reads, and which rows it can ask for (voided ones only by id). */
const MIRRORED: ReadonlyArray<{ table: string; live: boolean; index?: string }> = [
  { table: 'sales_orders', live: false, index: 'order_no' },
  { table: 'sales_lines', live: true, index: '"order"' },
  { table: 'outbound_slips', live: true, index: '"order"' },
  { table: 'invoice_slips', live: true, index: 'slip' },
  { table: 'invoices', live: false, index: 'invoice_no' },
  { table: 'special_checks', live: true, index: '"order"' },
];
const PAGE = 20_000;
const q = (c: string) => `"${c.replace(/"/g, '""')}"`;

export async function mirrorForPhase1(db: Db): Promise<Database.Database> {
  const mirror = new Database(':memory:');
  for (const m of MIRRORED) {
    const config = getTableConfig(pgTables.get(m.table)!);
    const cols = config.columns.map((c) => c.name);
    const bools = new Set(config.columns.filter((c) => c.getSQLType() === 'boolean').map((c) => c.name));
    mirror.exec(`CREATE TABLE ${q(m.table)} (${cols.map((c) => (c === 'id' ? 'id INTEGER PRIMARY KEY' : q(c))).join(', ')})`);
    if (m.index) mirror.exec(`CREATE INDEX ${q(`${m.table}__m`)} ON ${q(m.table)} (${m.index})`);
    const insert = mirror.prepare(`INSERT INTO ${q(m.table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const write = mirror.transaction((rows: Array<Record<string, unknown>>) => {
      for (const r of rows) insert.run(cols.map((c) => (bools.has(c) && r[c] != null ? (r[c] ? 1 : 0) : (r[c] ?? null))));
    });
    let after = 0;
    for (;;) {
      const rows = (await db.all(
        sql`SELECT * FROM ${sql.identifier(m.table)} WHERE id > ${after} ${m.live ? sql`AND voided_at IS NULL` : sql``} ORDER BY id LIMIT ${PAGE}`,
      )) as Array<Record<string, unknown>>;
      if (!rows.length) break;
      write(rows);
      after = rows[rows.length - 1].id as number;
      if (rows.length < PAGE) break;
    }
  }
  return mirror;
}
