/**
 * The write floor of a ledger import: how long SQLite needs just to store what an import created, with no
 * reading, parsing or rules. Takes a database a ledger import has written (`--from`), loads every record
 * that import created (orders, lines, slips, invoices, their links, checks, invoice lines, findings,
 * rejected rows) into memory, then — timed — inserts them from JS with prepared statements (50 rows each) into an empty
 * copy of the schema (bench/out/import-master.db) in one transaction, secondary indexes dropped first and
 * built after, the way the importer's merge does. bench/README.md ("Session 4") uses it to show what the
 * import's speed targets leave for everything else.
 *
 *   npx tsx bench/write-floor.ts --from DB [--master bench/out/import-master.db]
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BATCH = 50;
const TABLES = ['sales_orders', 'sales_lines', 'outbound_slips', 'invoices', 'invoice_slips', 'special_checks', 'invoice_lines', 'findings', 'import_rejects'];

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const from = arg('--from');
if (!from) throw new Error('usage: npx tsx bench/write-floor.ts --from DB [--master DB]');
const master = arg('--master') ?? path.join(ROOT, 'bench/out/import-master.db');

const src = new Database(from, { readonly: true });
const records = new Map<string, { cols: string[]; rows: unknown[][] }>();
for (const t of TABLES) {
  const stmt = src.prepare(`SELECT * FROM "${t}" WHERE import_id IS NOT NULL`).raw();
  records.set(t, { cols: stmt.columns().map((c) => c.name), rows: (await stmt.all()) as unknown[][] });
}
src.close();
const total = [...records.values()].reduce((n, r) => n + r.rows.length, 0);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-write-floor-'));
try {
  const file = path.join(dir, 'gsp.db');
  fs.copyFileSync(master, file);
  const db = new Database(file);
  // as the merge runs when it has the database to itself (server/services/bulk/journal.ts)
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = OFF');
  const t0 = performance.now();
  db.exec('BEGIN IMMEDIATE');
  const indexes: Array<{ name: string; sql: string }> = [];
  for (const t of TABLES) {
    for (const ix of (await db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE '%voided_at IS NOT NULL%'")
      .all(t)) as Array<{ name: string; sql: string }>) {
      db.exec(`DROP INDEX "${ix.name}"`);
      indexes.push(ix);
    }
  }
  const t1 = performance.now();
  // 50 rows per statement, as the importer's staging writes do (a third cheaper than one row per call)
  for (const [t, { cols, rows }] of records) {
    const head = `INSERT INTO "${t}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES `;
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    const one = db.prepare(head + tuple);
    const many = db.prepare(head + new Array(BATCH).fill(tuple).join(', '));
    let i = 0;
    for (; i + BATCH <= rows.length; i += BATCH) await many.run(rows.slice(i, i + BATCH).flat());
    for (; i < rows.length; i++) await one.run(rows[i]);
  }
  const t2 = performance.now();
  for (const ix of indexes) db.exec(ix.sql);
  const t3 = performance.now();
  db.exec('COMMIT');
  const t4 = performance.now();
  db.close();
  const ms = (a: number, b: number) => `${(b - a).toFixed(0)} ms`;
  console.log(`${total.toLocaleString('en-US')} records (${[...records].map(([t, r]) => `${t} ${r.rows.length}`).join(', ')})`);
  console.log(
    `inserts ${ms(t1, t2)} (${(((t2 - t1) / total) * 1000).toFixed(2)} µs per record), ${indexes.length} index builds ${ms(t2, t3)}, commit ${ms(t3, t4)}; total ${ms(t0, t4)}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
