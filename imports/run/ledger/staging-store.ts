/**
 * The staging file's one connection and the writes it receives as a list of operations (rows of a table in
 * column order, a statement, a commit), in the order phase 1 made them. It runs either in the import's own
 * thread (small files) or in a staging thread of its own (staging-thread.ts: the second core does SQLite's
 * inserts while the import thread parses, resolves and checks). Rows go in `BATCH` at a time per statement.
 *
 * @db-sync the staging file is its own SQLite connection, written synchronously in big transactions.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { STAGED } from './staging-tables';

const q = (c: string) => `"${c}"`;

/** Every staged table's insert columns, id first (findings, report rows and rejects: ids of their own). */
export const INSERT_COLS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ...STAGED.map((t): [string, string[]] => [t.name, ['id', ...t.cols, ...(t.extra ?? [])]]),
  ['findings', ['rule', 'severity', 'resource', 'record_id', 'row', 'fields', 'message', 'detail']],
  ['report_findings', ['row', 'rule', 'severity', 'fields', 'message', 'order']],
  ['import_rejects', ['row', 'raw', 'errors']],
]);

export type StageOp =
  /** rows of `table` in INSERT_COLS order, one after another in one flat array */
  | { t: 'rows'; table: string; args: unknown[] }
  /** a statement inside the write transaction */
  | { t: 'run'; sql: string; args: unknown[] }
  /** DDL outside any transaction (the pending writes committed first) */
  | { t: 'exec'; sql: string }
  | { t: 'commit' };
export interface StageQuery {
  t: 'all' | 'get';
  sql: string;
  args: unknown[];
}

/** Buffers rows of one table and inserts them `BATCH` at a time (one statement per batch: far fewer calls). */
class BufferedInsert {
  static readonly BATCH = 50;
  private readonly args: unknown[];
  private at = 0;
  private readonly one: Database.Statement;
  private readonly many: Database.Statement;
  private readonly width: number;
  constructor(db: Database.Database, table: string, cols: readonly string[]) {
    const tuple = `(?${', ?'.repeat(cols.length - 1)})`;
    const head = `INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES `;
    this.width = cols.length;
    this.one = db.prepare(head + tuple);
    this.many = db.prepare(head + new Array(BufferedInsert.BATCH).fill(tuple).join(', '));
    this.args = new Array(BufferedInsert.BATCH * cols.length).fill(null);
  }
  /** Appends rows (a flat array, a multiple of the width long). */
  push(values: unknown[]) {
    const a = this.args;
    let at = this.at;
    for (let i = 0; i < values.length; i++) {
      a[at++] = values[i];
      if (at === a.length) {
        this.many.run(a);
        at = 0;
      }
    }
    this.at = at;
  }
  flush() {
    for (let i = 0; i < this.at; i += this.width) this.one.run(this.args.slice(i, i + this.width));
    this.at = 0;
  }
}

export class StagingStore {
  readonly db: Database.Database;
  private readonly inserts = new Map<string, BufferedInsert>();
  private readonly cache = new Map<string, Database.Statement>();
  private inTx = false;

  /** `create`: a new staging file (any old one removed); otherwise the file phase 1 wrote, opened to read. */
  constructor(
    readonly file: string,
    create: boolean,
  ) {
    if (create) fs.rmSync(file, { force: true });
    this.db = new Database(file);
    if (create) this.create();
    for (const [table, cols] of INSERT_COLS) this.inserts.set(table, new BufferedInsert(this.db, table, cols));
  }

  private create() {
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -32768');
    this.db.pragma('temp_store = FILE');
    for (const t of STAGED)
      this.db.exec(
        `CREATE TABLE ${q(t.name)} (${INSERT_COLS.get(t.name)!
          .map((c) => (c === 'id' ? 'id INTEGER PRIMARY KEY' : q(c)))
          .join(', ')})`,
      );
    this.db.exec(`
      CREATE TABLE findings (id INTEGER PRIMARY KEY, rule, severity, resource, record_id, "row", fields, message, detail);
      CREATE TABLE report_findings (id INTEGER PRIMARY KEY, "row", rule, severity, fields, message, "order");
      CREATE TABLE import_rejects (id INTEGER PRIMARY KEY, "row", raw, errors);
    `);
  }

  apply(ops: readonly StageOp[]): void {
    for (const op of ops) {
      if (op.t === 'rows') {
        this.tx();
        this.inserts.get(op.table)!.push(op.args);
      } else if (op.t === 'run') {
        this.tx();
        this.flush();
        this.stmt(op.sql).run(...op.args);
      } else if (op.t === 'exec') {
        this.commit();
        this.db.exec(op.sql);
      } else this.commit();
    }
  }

  query(qy: StageQuery): unknown {
    this.flush();
    return qy.t === 'all' ? this.stmt(qy.sql).all(...qy.args) : this.stmt(qy.sql).get(...qy.args);
  }

  /** Nothing left to write (the pending rows inserted and committed). */
  drain(): void {
    this.commit();
  }

  close(): void {
    try {
      if (this.inTx) this.db.exec('ROLLBACK');
    } catch {
      /* closing anyway */
    }
    this.inTx = false;
    if (this.db.open) this.db.close();
  }

  private flush() {
    for (const b of this.inserts.values()) b.flush();
  }

  private tx() {
    if (!this.inTx) {
      this.db.exec('BEGIN');
      this.inTx = true;
    }
  }

  private commit() {
    if (this.inTx) {
      this.flush();
      this.db.exec('COMMIT');
      this.inTx = false;
    }
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
}
