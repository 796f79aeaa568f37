/**
 * A new order's lines and slips are built once, as the rows they are staged as (imports/run/ledger/orders.ts),
 * their legacy facts carried as tokens and made the rules' objects and the staged JSON text where the order is
 * evaluated (rules-eval.ts windowRecords): in the staging thread, or in the import thread from the same rows.
 * What must survive that: identifiers with leading zeros, text trimmed and empty cells as null, Chinese text
 * with characters outside the BMP (GB18030's four-byte ones), quotes and backslashes in a fact's value, lone
 * surrogates (kept as JSON.stringify writes them), dates — the same records either way, and the same facts
 * text as the objects factsFor makes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsFor, factsTokenOf, type LedgerGuard } from '../../imports/run/ledger/guard';
import { documentFactsToken, lineRecord, slipRecord, windowRecords } from '../../imports/run/ledger/rules-eval';
import { INSERT_COLS, LEDGER_IMPORT_TABLES } from '../../imports/run/ledger/staging';
import type { Db } from '../../server/db';
import { importFile, masterDbFile, sample, tempDb } from './pipeline-fixtures';

const guard = { file: '台账 "2024".csv', by: 'qa\\王', trust: { outbound_slips: true, sales_lines: false, special_checks: true } } as unknown as LedgerGuard;
const TRICKY = ['李"四\\', '何娟𠀀', '\u0001控制', 'lone \ud800 surrogate', '  spaced  ', '00123', '2024-06-29'];

describe('staged rows and their legacy facts tokens', () => {
  it("a line's and a slip's token become the object factsFor makes and its exact JSON text", () => {
    const lineCols = INSERT_COLS.get('sales_lines')!;
    const slipCols = INSERT_COLS.get('outbound_slips')!;
    for (const value of TRICKY) {
      const line: unknown[] = lineCols.map((c) =>
        c === 'id' ? 7 : c === 'legacy_facts' ? factsTokenOf(guard, 'sales_lines', 12, 'price_approved_by', value) : null,
      );
      const rec = lineRecord(line, 0, guard);
      const expected = factsFor(guard, 'sales_lines', 12, 'price_approved_by', value);
      expect(rec.legacy_facts).toEqual(expected);
      expect(line[lineCols.indexOf('legacy_facts')]).toBe(JSON.stringify(expected));
      expect(rec.id).toBe(-7);

      const slip: unknown[] = slipCols.map((c) =>
        c === 'id' ? 3 : c === 'legacy_facts' ? factsTokenOf(guard, 'outbound_slips', 5, 'reviewed_by', value) : c === 'slip_no' ? value : null,
      );
      const s = slipRecord(slip, 0, guard);
      expect(s.legacy_facts).toEqual(factsFor(guard, 'outbound_slips', 5, 'reviewed_by', value));
      expect(slip[slipCols.indexOf('legacy_facts')]).toBe(JSON.stringify(factsFor(guard, 'outbound_slips', 5, 'reviewed_by', value)));
      expect(s.slip_no).toBe(value);
    }
    // no value, no facts
    expect(factsTokenOf(guard, 'sales_lines', 1, 'price_approved_by', '')).toBeNull();
    expect(factsTokenOf(guard, 'sales_lines', 1, 'price_approved_by', null)).toBeNull();
  });

  it("an order's document facts and a check's two-field facts the same way; a staged text is parsed", () => {
    const orderCols = INSERT_COLS.get('sales_orders')!;
    const order = orderCols.map((c) => (c === 'id' ? 9 : c === 'legacy_facts' ? documentFactsToken(4, 'completed') : c === 'order_no' ? '00123' : null));
    const checkCols = INSERT_COLS.get('special_checks')!;
    const checkFacts = factsFor(guard, 'special_checks', 4, 'verified_by', '核"实\\人𠀀', 'verified_at', '2024-07-01');
    // a check's facts travel as the general token (two fields)
    const token = [4, true, 'verified_by', '核"实\\人𠀀', 'verified_at', '2024-07-01'];
    const check = checkCols.map((c) => (c === 'id' ? 2 : c === 'legacy_facts' ? token : null));
    const lineCols = INSERT_COLS.get('sales_lines')!;
    const stagedText = JSON.stringify(factsFor(guard, 'sales_lines', 8, 'price_approved_by', 'x'));
    const line = lineCols.map((c) => (c === 'id' ? 1 : c === 'legacy_facts' ? stagedText : null));
    const w = windowRecords({ order, slips: [], check, lines: line, invoices: [] }, guard);
    const docFacts = { file: guard.file, rows: [4], state: 'completed' };
    expect(w.order.legacy_facts).toEqual(docFacts);
    expect(order[orderCols.indexOf('legacy_facts')]).toBe(JSON.stringify(docFacts));
    expect(w.order.order_no).toBe('00123');
    expect(w.check!.legacy_facts).toEqual(checkFacts);
    expect(check[checkCols.indexOf('legacy_facts')]).toBe(JSON.stringify(checkFacts));
    expect(w.lines[0].data.legacy_facts).toEqual(JSON.parse(stagedText));
    expect(line[lineCols.indexOf('legacy_facts')]).toBe(stagedText);
  });
});

describe('a ledger with values that must survive the rows built once', () => {
  let master: string;
  let file: string;
  beforeAll(async () => {
    master = await masterDbFile();
    const [h, ...data] = Papa.parse<string[]>(fs.readFileSync(sample('ledger-utf8.csv'), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const col = (name: string) => h.indexOf(name);
    const rows = data.slice(0, 6).map((r) => [...r]);
    rows[0][col('批号')] = '00123';
    rows[0][col('经办人')] = '  张三  ';
    rows[0][col('负责人')] = '';
    rows[0][col('超限价审批人')] = '李"四\\';
    rows[0][col('复核员')] = '何娟𠀀';
    rows[1][col('备注')] = '备注㐀𠀀';
    file = path.join(path.dirname(master), 'tricky-ledger.csv');
    fs.writeFileSync(file, `\uFEFF${Papa.unparse([h, ...rows])}\n`);
  }, 120_000);
  afterAll(() => fs.rmSync(path.dirname(master), { recursive: true, force: true }));

  /** thread '1r': the staging thread without the rules (every order evaluated in the import thread) */
  async function importWith(thread: '0' | '1' | '1r') {
    const t = tempDb(master);
    process.env.GSP_IMPORT_STAGING_THREAD = thread === '0' ? '0' : '1';
    if (thread === '1r') process.env.GSP_IMPORT_RULES_THREAD = '0';
    try {
      const r = await importFile(t.db, file, 'sales-ledger');
      return { report: r.report, rows: rowsOf(t.db) };
    } finally {
      delete process.env.GSP_IMPORT_STAGING_THREAD;
      delete process.env.GSP_IMPORT_RULES_THREAD;
      t.close();
    }
  }
  function rowsOf(db: Db): Record<string, Array<Record<string, unknown>>> {
    const out: Record<string, Array<Record<string, unknown>>> = {};
    for (const t of [...LEDGER_IMPORT_TABLES, 'batches']) {
      out[t] = (db.$client.prepare(`SELECT * FROM "${t}" ORDER BY id`).all() as Array<Record<string, unknown>>).map(
        ({ created_at: _c, updated_at: _u, ...rest }) => rest,
      );
    }
    return out;
  }

  it('the same records in the staging thread (rules there or not) and in the import thread; every value as the ledger gave it', async () => {
    const inline = await importWith('0');
    expect(inline.report.counts.imported).toBe(6);
    for (const threaded of [await importWith('1'), await importWith('1r')]) {
      const { importId: _a, ...a } = inline.report as unknown as Record<string, unknown>;
      const { importId: _b, ...b } = threaded.report as unknown as Record<string, unknown>;
      expect(b).toEqual(a);
      expect(threaded.rows).toEqual(inline.rows);
    }
    const { rows } = inline;
    const batch = rows.batches.find((b) => b.batch_no === '00123');
    expect(batch).toBeDefined();
    const first = rows.sales_lines.find((l) => l.batch === batch!.id)!;
    expect(first).toMatchObject({ handler: '张三', responsible: null, price_approved_by: null, sale_date: '2024-06-29' });
    expect(JSON.parse(first.legacy_facts as string).fields).toEqual({ price_approved_by: '李"四\\' });
    const slip = rows.outbound_slips.find((s) => s.reviewed_by === null && String(s.legacy_facts).includes('何娟'))!;
    expect(JSON.parse(slip.legacy_facts as string).fields).toEqual({ reviewed_by: '何娟𠀀' });
    expect(rows.sales_orders.some((o) => o.remark === '备注㐀𠀀')).toBe(true);
    const order = rows.sales_orders.find((o) => o.id === first.order)!;
    expect(JSON.parse(order.legacy_facts as string)).toMatchObject({ file: 'tricky-ledger.csv', state: expect.any(String) });
  }, 120_000);
});
