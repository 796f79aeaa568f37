/**
 * A web import big enough for the bulk merge (≥ 20k lines: rollback journal on the server's own, only
 * connection — server/services/bulk/journal.ts) over the real server: everything lands, the database is
 * back in WAL, and the server reads and writes as before.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../helpers/app';
import { SAMPLE_ROW, writeLedger } from './generated-ledger';
import { count, startImportServer, uploadImport } from './pipeline-fixtures';

const ROWS = 21_000;

describe('a 21,000-row ledger imported through POST /api/imports', () => {
  let server: TestServer;
  let cookie: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-bulk-http-'));
  const file = path.join(dir, 'ledger-21k.csv');

  beforeAll(async () => {
    writeLedger(file, ROWS, (i) => SAMPLE_ROW[i % 2 ? 19 : 23]);
    ({ server, cookie } = await startImportServer());
  }, 120_000);
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lands whole; the database is in WAL again and the server keeps reading and writing', async () => {
    const before = await count(server.db, 'SELECT count(*) AS n FROM sales_lines');
    // the merge's timing line says which journal it committed through
    process.env.GSP_IMPORT_TIMING = '1';
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    let res: Response;
    try {
      res = await uploadImport(server.url, cookie, file, { kind: 'sales-ledger' });
    } finally {
      spy.mockRestore();
      delete process.env.GSP_IMPORT_TIMING;
    }
    expect(lines.join('')).toMatch(/merge commit \(rollback journal\)/);
    const body = (await res.json()) as { id: number; report: { counts: { rows: number; imported: number }; records: Record<string, number> } };
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(201);
    expect(body.report.counts).toMatchObject({ rows: ROWS, imported: ROWS });
    expect(body.report.records.sales_lines).toBe(ROWS);
    expect((await count(server.db, 'SELECT count(*) AS n FROM sales_lines')) - before).toBe(ROWS);
    expect(await count(server.db, 'SELECT count(*) AS n FROM sales_orders WHERE import_id = ?', body.id)).toBe(ROWS);
    const sqlite = server.db.$client;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(fs.existsSync(`${server.dbFile}-journal`)).toBe(false);
    // reads and a write through the API afterwards
    const list = await fetch(`${server.url}/api/sales_lines?range=${encodeURIComponent('[0,4]')}`, { headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toMatch(new RegExp(`/${before + ROWS}$`));
    const created = await fetch(`${server.url}/api/salespeople`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '导入后新建', id_no: '11010519491231002X' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
  }, 120_000);
});
