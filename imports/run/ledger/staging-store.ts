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
import { INSERT_COLS, STAGED } from './staging-tables';
import { WindowEvaluator, type ContextCollection, type RulesInit, type StagedWindow } from './rules-eval';

const q = (c: string) => `"${c}"`;

export type StageOp =
  /** rows of `table` in INSERT_COLS order, one after another in one flat array */
  | { t: 'rows'; table: string; args: unknown[] }
  /** a statement inside the write transaction */
  | { t: 'run'; sql: string; args: unknown[] }
  /** DDL outside any transaction (the pending writes committed first) */
  | { t: 'exec'; sql: string }
  | { t: 'commit' }
  /** from now on evaluate staged orders' rules here (a staging thread: over the import's master data) */
  | { t: 'rules'; init: RulesInit }
  /** records the import created, for the rules (added before the windows beside them are evaluated) */
  | { t: 'ctx'; adds: Array<[ContextCollection, Record<string, unknown>]> }
  /** new orders: staged here, their rules evaluated, the findings put among the findings rows beside them */
  | { t: 'windows'; list: StagedWindow[] };
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
  /** evaluates the windows' rules (set by a 'rules' op, or by the import thread with its own context) */
  evaluator: WindowEvaluator | null = null;

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
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op.t === 'windows') {
        // the ops after it, with the windows' findings among theirs
        ops = this.windows(op.list, ops.slice(i + 1));
        i = -1;
      } else if (op.t === 'ctx') for (const [c, row] of op.adds) this.evaluator!.base.add(c, row as never);
      else if (op.t === 'rules') this.evaluator = WindowEvaluator.fromInit(op.init);
      else if (op.t === 'rows') {
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

  /**
   * Stages the windows' records, evaluates their rules, and returns `ops` with each window's findings and
   * report rows put where they were made among the findings rows handed over beside them.
   */
  private windows(list: readonly StagedWindow[], ops: readonly StageOp[]): readonly StageOp[] {
    this.tx();
    const put = (table: string, rows: unknown[]) => this.inserts.get(table)!.push(rows);
    const found: Array<{ findings: unknown[]; report: unknown[] }> = [];
    for (const w of list) {
      // evaluated first: that makes its rows ready to insert (legacy facts as JSON text)
      found.push(this.evaluator!.evaluate(w));
      put('sales_orders', w.order);
      put('outbound_slips', w.slips);
      if (w.check) put('special_checks', w.check);
      put('sales_lines', w.lines);
    }
    const merged = (table: 'findings' | 'report_findings', at: (w: StagedWindow) => number, of: (f: (typeof found)[number]) => unknown[]) => {
      const width = INSERT_COLS.get(table)!.length;
      const given = (ops.find((o) => o.t === 'rows' && o.table === table) as { args: unknown[] } | undefined)?.args ?? [];
      const out: unknown[] = [];
      let from = 0;
      list.forEach((w, i) => {
        const to = at(w) * width;
        for (let k = from; k < to; k++) out.push(given[k]);
        from = to;
        for (const x of of(found[i])) out.push(x);
      });
      for (let k = from; k < given.length; k++) out.push(given[k]);
      return out;
    };
    const findings = merged(
      'findings',
      (w) => w.findingsAt,
      (f) => f.findings,
    );
    const report = merged(
      'report_findings',
      (w) => w.reportAt,
      (f) => f.report,
    );
    return [
      ...ops.filter((o) => !(o.t === 'rows' && (o.table === 'findings' || o.table === 'report_findings'))),
      { t: 'rows', table: 'findings', args: findings },
      { t: 'rows', table: 'report_findings', args: report },
    ];
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
