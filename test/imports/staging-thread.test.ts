/**
 * A ledger import's staging file written by a thread of its own (imports/run/ledger/staging-thread.ts) against
 * the same import written in the import's thread: the same report and the same rows in the database, also
 * for orders scattered through the file (staged rows read back and updated while phase 1 runs) and for a
 * scoped user whose untrusted approvals are reported beside the rules' findings (the thread evaluates a new
 * order's rules: rules-eval.ts); reads of staged rows see every write made before them; a failure in the
 * staging thread, also in its rule evaluation, is the import's error.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_IMPORT_TABLES, Staging } from '../../imports/run/ledger/staging';
import { createMemoryContext } from '../../schema/rules';
import type { Actor } from '../../server/services/context';
import type { Db } from '../../server/db';
import { importFile, masterDbFile, sample, tempDb } from './pipeline-fixtures';

let master: string;
beforeAll(async () => {
  master = await masterDbFile();
}, 120_000);
afterAll(() => fs.rmSync(path.dirname(master), { recursive: true, force: true }));

/** every row of the ledger's tables, without the stamps' times */
function rowsOf(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of LEDGER_IMPORT_TABLES) {
    out[t] = (db.$client.prepare(`SELECT * FROM "${t}" ORDER BY id`).all() as Array<Record<string, unknown>>).map(
      ({ created_at: _c, updated_at: _u, ...rest }) => rest,
    );
  }
  return out;
}

/** thread '1r': the staging thread without the rules (GSP_IMPORT_RULES_THREAD=0: every order evaluated in the import thread) */
async function importWith(thread: '0' | '1' | '1r', file: string, actor?: (db: Db) => Actor) {
  const t = tempDb(master);
  process.env.GSP_IMPORT_STAGING_THREAD = thread === '0' ? '0' : '1';
  if (thread === '1r') process.env.GSP_IMPORT_RULES_THREAD = '0';
  try {
    const r = await importFile(t.db, file, 'sales-ledger', actor ? { actor: actor(t.db) } : {});
    return { report: r.report, rows: rowsOf(t.db), left: fs.readdirSync(t.dir).filter((f) => f.includes('.import-')) };
  } finally {
    delete process.env.GSP_IMPORT_STAGING_THREAD;
    delete process.env.GSP_IMPORT_RULES_THREAD;
    t.close();
  }
}

describe('the staging thread', () => {
  it('writes what the import thread would, with the rules in the staging thread or not: same report, same rows, also with scattered orders; no staging file left', async () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(master), 'scattered-'));
    const [h, ...data] = Papa.parse<string[]>(fs.readFileSync(sample('ledger-utf8.csv'), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    // odd rows first, then even rows: every multi-line order is re-opened, its staged rows read back and updated
    const shuffled = path.join(dir, 'shuffled.csv');
    fs.writeFileSync(shuffled, `\uFEFF${Papa.unparse([h, ...[...data.keys()].sort((a, b) => (a % 2) - (b % 2) || a - b).map((i) => data[i])])}\n`);
    for (const file of [sample('ledger-utf8.csv'), shuffled]) {
      const inline = await importWith('0', file);
      for (const threaded of [await importWith('1', file), await importWith('1r', file)]) {
        expect(threaded.report.counts.imported).toBeGreaterThan(0);
        const { importId: _a, ...a } = inline.report as unknown as Record<string, unknown>;
        const { importId: _b, ...b } = threaded.report as unknown as Record<string, unknown>;
        expect(b).toEqual(a);
        expect(threaded.rows).toEqual(inline.rows);
        expect(threaded.left).toEqual([]);
      }
    }
  }, 120_000);

  it("a scoped salesperson's import: the rules' findings and the untrusted approvals in the same order either way", async () => {
    const sales = (db: Db): Actor => {
      const own = (db.$client.prepare('SELECT id FROM salespeople ORDER BY id LIMIT 1').get() as { id: number }).id;
      return { id: null, username: 'sales-thread', display_name: '业务员', roles: ['sales'], salesperson: own };
    };
    const inline = await importWith('0', sample('ledger-utf8.csv'), sales);
    const threaded = await importWith('1', sample('ledger-utf8.csv'), sales);
    const rules = new Set(threaded.report.findings.map((f) => f.rule));
    expect(rules.has('IMPORT_LEGACY_UNTRUSTED') && rules.size > 1).toBe(true);
    const { importId: _a, ...a } = inline.report as unknown as Record<string, unknown>;
    const { importId: _b, ...b } = threaded.report as unknown as Record<string, unknown>;
    expect(b).toEqual(a);
    expect(threaded.rows).toEqual(inline.rows);
  }, 120_000);

  it('a read of staged rows sees every write before it, across hand-overs; the file is complete when handed over', () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(master), 'staging-'));
    const st = new Staging(path.join(dir, 'x.staging'), { thread: true });
    try {
      for (let i = 1; i <= 3000; i++) {
        const id = st.reserve('invoices');
        st.insert('invoices', id, { invoice_no: `F${i}`, type: 'vat', customer: 1, invoice_date: '2025-01-01', amount: 1 });
      }
      // the first invoices were handed over long ago, the last one still waits here
      st.addToInvoice(1, 2.5);
      st.addToInvoice(3000, 0.25);
      expect(st.stagedInvoice('F1')).toMatchObject({ id: 1, customer: 1 });
      expect(st.stagedInvoice('F3000')).toMatchObject({ id: 3000 });
      expect(st.get<{ amount: number }>('SELECT amount FROM invoices WHERE id = ?', 1)!.amount).toBe(3.5);
      st.reject(7, { a: 'b' }, [{ field: 'a', message: 'm' }]);
      expect(st.all('SELECT "row" FROM import_rejects')).toEqual([{ row: 7 }]);
      st.commit();
      expect(st.db.prepare('SELECT count(*) AS n, sum(amount) AS s FROM invoices').get()).toEqual({ n: 3000, s: 3002.75 });
      expect([...st.rejects()]).toEqual([{ row: 7, errors: [{ field: 'a', message: 'm' }] }]);
    } finally {
      st.close();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("a statement the staging thread cannot run is thrown at the import's next wait, with SQLite's message", () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(master), 'staging-'));
    const st = new Staging(path.join(dir, 'x.staging'), { thread: true });
    try {
      st.run('UPDATE no_such_table SET x = 1');
      expect(() => st.commit()).toThrow(/no such table: no_such_table/);
    } finally {
      st.close();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("an order the staging thread cannot evaluate fails the import at its next wait, with the thread's message; nothing is left", () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(master), 'staging-'));
    const st = new Staging(path.join(dir, 'x.staging'), { thread: true });
    try {
      st.evaluateRules(createMemoryContext({ asOf: '2025-07-01' }), () => ({
        data: { asOf: '2025-07-01' },
        facts: { file: 'x.csv', by: 'test' },
        lang: 'zh',
        kindFields: [],
        columns: [],
      }));
      // a window without its invoices: the evaluation throws in the staging thread
      st.window({
        order: [1, 'XS1', 1, null, null, '2025-01-01', null, 'confirmed', null, null, 2],
        slips: [],
        check: null,
        lines: [],
        invoices: null as never,
      });
      expect(() => st.commit()).toThrow(/map/);
    } finally {
      st.close();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
