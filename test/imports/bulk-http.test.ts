/**
 * A web import big enough for the bulk merge (≥ 20k lines) over the real server: it runs in its own thread
 * (imports/run/import-thread.ts) with its own connection, so the merge stays in WAL (the server's connection
 * has the file open — server/services/bulk/journal.ts) in short transactions; the server answers while it
 * runs, everything lands, and the server reads and writes as before.
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
    // a read and a write every 50 ms while the import runs: the server's thread is not the one importing,
    // and the merge's short transactions let a write in between
    const probes: number[] = [];
    const writes: Array<{ ms: number; status: number }> = [];
    const customer = await count(server.db, 'SELECT min(id) AS n FROM customers');
    let importing = true;
    const probing = (async () => {
      for (let i = 0; importing; i++) {
        let t0 = performance.now();
        const r = await fetch(`${server.url}/api/auth/me`, { headers: { Cookie: cookie } });
        await r.arrayBuffer();
        probes.push(performance.now() - t0);
        const { version } = (await (await fetch(`${server.url}/api/customers/${customer}`, { headers: { Cookie: cookie } })).json()) as { version: number };
        t0 = performance.now();
        const w = await fetch(`${server.url}/api/customers/${customer}`, {
          method: 'PUT',
          headers: { Cookie: cookie, 'Content-Type': 'application/json' },
          body: JSON.stringify({ version, contact_phone: `1390000${String(i).padStart(4, '0')}`, _reason: '导入时修改' }),
        });
        await w.arrayBuffer();
        writes.push({ ms: performance.now() - t0, status: w.status });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      res = await uploadImport(server.url, cookie, file, { kind: 'sales-ledger' });
    } finally {
      importing = false;
      await probing;
      spy.mockRestore();
      delete process.env.GSP_IMPORT_TIMING;
    }
    const blocking = /writer-blocking time: max (\d+) ms, total (\d+) ms in (\d+) transactions \(WAL\)/.exec(lines.join(''));
    expect(blocking, lines.join('')).not.toBeNull();
    expect(Number(blocking![3])).toBeGreaterThan(5); // short transactions, not one
    expect(Number(blocking![1]), lines.filter((l) => l.includes('merge')).join('')).toBeLessThan(2000);
    expect(probes.length).toBeGreaterThan(10);
    expect(Math.max(...probes), probes.map(Math.round).join(' ')).toBeLessThan(2000);
    expect(writes.filter((w) => w.status !== 200)).toEqual([]);
    expect(Math.max(...writes.map((w) => w.ms)), writes.map((w) => Math.round(w.ms)).join(' ')).toBeLessThan(2500);
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
